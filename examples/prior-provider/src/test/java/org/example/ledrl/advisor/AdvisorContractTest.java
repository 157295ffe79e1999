package org.example.ledrl.advisor;

import java.time.Duration;
import org.ledrl.testkit.PriorProviderContract;

/** The rules every prior provider must keep, with the advice service on a loopback port answering as told. */
class AdvisorContractTest extends PriorProviderContract {

    @Override
    protected Subject subject(Answer answer) throws Exception {
        DemoAdvisor service = new DemoAdvisor(0, request -> switch (answer) {
            case VALID -> DemoAdvisor.byQueue(request);
            case MALFORMED -> "{\"scores\": {\"3\": 0.";
            case OUT_OF_RANGE -> DemoAdvisor.byQueue(request).replaceFirst(":0\\.\\d+", ":7.5");
            case FAILING -> null;
            case SLOW -> {
                try {
                    Thread.sleep(SLOW_HOLD.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield DemoAdvisor.byQueue(request);
            }
        });
        AdvisorPriorProvider provider = new AdvisorPriorProvider(service.baseUrl(), Duration.ofMillis(500));
        return Subject.of(provider, provider.timeout(), provider::refusals, service);
    }
}
