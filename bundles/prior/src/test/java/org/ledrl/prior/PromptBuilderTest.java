package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.ledrl.api.model.FailureReason;
import org.ledrl.api.model.Health;
import org.ledrl.api.model.Observation;
import org.ledrl.api.model.Reflection;
import org.ledrl.api.prior.PromptContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {

    @TempDir
    Path folder;

    private static Observation mixedNeighbourhood() {
        return Situations.observation(0, 12_000, List.of(
                Situations.self(Situations.status(0, Health.UP, 0.8, 2.5, 0, 12_000)),
                Situations.neighbour(Situations.status(4, Health.DOWN, 0.1, 0, 3, 12_000), true),
                Situations.neighbour(Situations.status(9, Health.UP, 0.2, 0.5, 0, 12_000), false)));
    }

    @Test
    void rendersNeighbourhoodTaskTrendAndEmptyMemory() {
        PromptContext context = new PromptContext(mixedNeighbourhood(),
                new PromptContext.Trend(20, 10, 0.6, 1.4, Map.of(FailureReason.NODE_FAILED, 3)), List.of());
        Prompt prompt = PromptBuilder.defaults().render(context);

        assertTrue(prompt.system().contains("\"preferences\""), prompt.system());
        String user = prompt.user();
        assertTrue(user.contains("Node 0 asks for advice at t = 12.0 s"), user);
        assertTrue(user.contains("- node 0 (this node): up, CPU 3.00 GHz, load 0.80, queue 3 tasks (2.50 s wait), recent failures 0"), user);
        assertTrue(user.contains("- node 4: down,"), user);
        assertTrue(user.contains("recent failures 3"), user);
        assertTrue(user.contains("- to node 9: 1 hop(s), down, 20.0 MB/s, latency 5.0 ms"), user);
        assertTrue(user.contains("video-analytics (frames from a camera searched for objects"), user);
        assertTrue(user.contains("input 300 KB, 1000 CPU cycles per bit (2.40 Gcycles)"), user);
        assertTrue(user.contains("10 tasks, success rate 0.60, mean latency 1.40 s"), user);
        assertTrue(user.contains("- failures: NODE_FAILED x 3"), user);
        assertTrue(user.contains("## Lessons from past runs\n- none yet"), user);
        assertTrue(user.contains("Candidate node ids: 0, 4, 9."), user);
        assertFalse(user.contains("{{"), user);
    }

    @Test
    void rendersWhatTheNetworkDidWithEachCandidate() {
        PromptContext.Trend trend = new PromptContext.Trend(20, 10, 0.6, 1.4, Map.of(),
                Map.of(9, new PromptContext.NodeActivity(2.5, 4, 12, 3, 1, 2)));
        String user = PromptBuilder.defaults().render(new PromptContext(mixedNeighbourhood(), trend, List.of())).user();
        String node9 = user.lines().filter(l -> l.startsWith("- node 9:")).findFirst().orElseThrow();
        assertTrue(node9.endsWith("; other nodes send it 2.50 tasks a slot (4 senders), 2 already this slot; of 12 "
                + "tasks that ended there, 3 missed the deadline and 1 failed otherwise"), node9);
        String node4 = user.lines().filter(l -> l.startsWith("- node 4:")).findFirst().orElseThrow();
        assertFalse(node4.contains("other nodes send"), "nothing seen at node 4: " + node4);
    }

    @Test
    void rendersMemoryLessonsWhenThereAreSome() {
        PromptContext context = new PromptContext(mixedNeighbourhood(), PromptContext.Trend.empty(),
                List.of(new Reflection("node:4", "node 4 failed 4 times in 20 slots", 4, 10_000)));
        String user = PromptBuilder.defaults().render(context).user();
        assertTrue(user.contains("- node 4 failed 4 times in 20 slots (seen 4 times)"), user);
        assertFalse(user.contains("none yet"), user);
        assertTrue(user.contains("- no finished tasks yet"), user);
    }

    @Test
    void anOperatorsFileReplacesTheBuiltInOne() throws IOException {
        Files.writeString(folder.resolve(PromptBuilder.USER), "Advise node {{node}} on {{task_type}}.");
        Files.writeString(folder.resolve(PromptBuilder.TASK_TYPES), "video-analytics = our own words\n");
        PromptBuilder builder = PromptBuilder.load(folder);
        PromptContext context = Situations.context(mixedNeighbourhood());

        assertEquals("Advise node 0 on video-analytics.", builder.render(context).user());
        assertEquals("our own words", builder.describe("video-analytics"));
        assertEquals("no description", builder.describe("unheard-of"));
        assertEquals(folder.resolve(PromptBuilder.USER).toString(), builder.sources().get(PromptBuilder.USER));
        assertEquals("built-in prior-system.txt", builder.sources().get(PromptBuilder.SYSTEM));
    }

    @Test
    void aTypoInAnEditedFileIsReportedWithFileAndLine() throws IOException {
        Path user = folder.resolve(PromptBuilder.USER);
        Files.writeString(user, "fine\n{{#nodes}}- {{idd}}\n{{/nodes}}\n");
        TemplateException e = assertThrows(TemplateException.class, () -> PromptBuilder.load(folder));
        assertTrue(e.getMessage().contains(user + " line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("{{idd}}"), e.getMessage());
    }

    @Test
    void folderPicksUpEditsAndKeepsTheLastGoodTemplatesWhenAnEditBreaksThem() throws IOException {
        Path user = folder.resolve(PromptBuilder.USER);
        Files.writeString(user, "first {{node}}");
        TemplateFolder templates = new TemplateFolder(folder);
        PromptContext context = Situations.context(mixedNeighbourhood());
        assertEquals("first 0", templates.current().render(context).user());

        Files.writeString(user, "second {{node}}!");
        Files.setLastModifiedTime(user, FileTime.fromMillis(Files.getLastModifiedTime(user).toMillis() + 2000));
        assertEquals("second 0!", templates.current().render(context).user());

        Files.writeString(user, "broken {{#node}}");
        Files.setLastModifiedTime(user, FileTime.fromMillis(Files.getLastModifiedTime(user).toMillis() + 4000));
        assertEquals("second 0!", templates.current().render(context).user());
    }

    @Test
    void retryMessageCarriesTheErrorAndTheCandidates() {
        String retry = PromptBuilder.defaults().retryMessage(mixedNeighbourhood(), "node 12 is not a candidate");
        assertTrue(retry.contains("Your answer was rejected: node 12 is not a candidate"), retry);
        assertTrue(retry.contains("Candidate node ids: 0, 4, 9."), retry);
        assertTrue(retry.contains("KEEP_LOCAL, SPREAD, AVOID_FAILING_REGION, PREFER_FAST_LINKS"), retry);
    }
}
