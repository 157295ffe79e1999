package org.ledrl.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SvgChartTest {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final long TEN_O_CLOCK = Instant.parse("2026-05-01T10:00:00Z").toEpochMilli();
    private static final long TEN_MINUTES = 10 * 60_000;

    private static SvgChart chart(String title) {
        return new SvgChart("c", title, "decisions/s", TEN_O_CLOCK, TEN_O_CLOCK + TEN_MINUTES, CLOCK);
    }

    /** Parses the chart as XML: it must be well formed, and the tests read it as a DOM. */
    private static Element parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        return document.getDocumentElement();
    }

    private static List<Element> elements(Element root, String name) {
        NodeList list = root.getElementsByTagName(name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    /** Bars and markers are the elements with a tooltip; legend swatches and axes have none. */
    private static List<Element> dataPoints(Element root, String name) {
        return elements(root, name).stream().filter(e -> !elements(e, "title").isEmpty()).toList();
    }

    private static List<String> texts(Element root) {
        return elements(root, "text").stream().map(Node::getTextContent).toList();
    }

    @Test
    void aChartIsNamedAndLabelsItsAxesWithUnitAndClockTimes() throws Exception {
        Element svg = parse(chart("Decisions per second").series("per 10 s", "#123456", SvgChart.Style.BARS,
                new double[] {0.5, 1.5}).render());
        assertEquals("svg", svg.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getNamespaceURI());
        assertEquals("Decisions per second (decisions/s)", elements(svg, "title").get(0).getTextContent());
        List<String> texts = texts(svg);
        assertTrue(texts.contains("Decisions per second"), texts.toString());
        assertTrue(texts.contains("decisions/s"), "the y axis names the unit: " + texts);
        assertTrue(texts.contains("time (this host)"), texts.toString());
        assertTrue(texts.contains("per 10 s"), "the legend names the series: " + texts);
        // a ten-minute window gets a tick every two minutes, on round minutes
        for (String tick : List.of("10:00", "10:02", "10:04", "10:06", "10:08", "10:10")) {
            assertTrue(texts.contains(tick), tick + " in " + texts);
        }
        assertTrue(!texts.contains("10:01"), texts.toString());
    }

    @Test
    void eachValueIsABarWithItsExactValueAndHigherValuesReachHigher() throws Exception {
        Element svg = parse(chart("Decisions").series("per 10 s", "#123456", SvgChart.Style.BARS,
                new double[] {1, Double.NaN, 3.25}).render());
        List<Element> bars = dataPoints(svg, "rect");
        assertEquals(2, bars.size(), "one bar per measured value, none for NaN");
        double low = Double.parseDouble(bars.get(0).getAttribute("y"));
        double high = Double.parseDouble(bars.get(1).getAttribute("y"));
        assertTrue(high < low, "3.25 reaches higher than 1: y " + high + " vs " + low);
        assertTrue(Double.parseDouble(bars.get(1).getAttribute("x")) > Double.parseDouble(bars.get(0).getAttribute("x")),
                "later values are further right");
        assertTrue(elements(bars.get(1), "title").get(0).getTextContent().contains("3.25 decisions/s"),
                elements(bars.get(1), "title").get(0).getTextContent());
    }

    @Test
    void aLineBreaksWhereThereIsNothingToMeasure() throws Exception {
        Element svg = parse(chart("Success rate").series("per minute", "#00aa00", SvgChart.Style.LINE,
                new double[] {50, Double.NaN, 60, 70}).render());
        String path = elements(svg, "path").get(0).getAttribute("d");
        assertEquals(2, path.chars().filter(c -> c == 'M').count(), "two pieces around the gap: " + path);
        assertEquals(3, dataPoints(svg, "circle").size(), "a marker per value");
    }

    @Test
    void seriesDifferByLineStyleAndMarkerNotOnlyByColour() throws Exception {
        Element svg = parse(chart("Decision time").series("mean", "#111111", SvgChart.Style.LINE, new double[] {5, 6})
                .series("longest", "#222222", SvgChart.Style.DASHED, new double[] {50, 60}).render());
        List<Element> paths = elements(svg, "path");
        assertEquals(2, paths.size());
        assertEquals("", paths.get(0).getAttribute("stroke-dasharray"));
        assertTrue(!paths.get(1).getAttribute("stroke-dasharray").isEmpty(), "the second series is dashed");
        assertEquals(2, dataPoints(svg, "circle").size(), "round markers for the solid line");
        assertEquals(2, dataPoints(svg, "rect").size(), "square markers for the dashed line");
        assertTrue(texts(svg).containsAll(List.of("mean", "longest")), texts(svg).toString());
    }

    @Test
    void aReferenceLineIsLabelledAndLeftOutWhenUnknown() throws Exception {
        Element with = parse(chart("Decision time").series("mean", "#111111", SvgChart.Style.LINE, new double[] {5})
                .reference("p99", "#990000", 42).render());
        List<Element> tooltips = elements(with, "line").stream().flatMap(l -> elements(l, "title").stream()).toList();
        assertEquals(1, tooltips.size());
        assertTrue(tooltips.get(0).getTextContent().startsWith("p99: 4"), tooltips.get(0).getTextContent());
        assertTrue(texts(with).contains("p99"), "named in the legend");

        Element without = parse(chart("Decision time").series("mean", "#111111", SvgChart.Style.LINE,
                new double[] {5}).reference("p99", "#990000", Double.NaN).render());
        assertTrue(!texts(without).contains("p99"), texts(without).toString());
    }

    @Test
    void barsOfZeroAreLeftOutAndOnlyZerosReadAsEmpty() throws Exception {
        Element svg = parse(chart("Decisions").series("per 10 s", "#123456", SvgChart.Style.BARS,
                new double[] {0, 0, 0}).whenEmpty("no decisions yet").render());
        assertEquals(0, dataPoints(svg, "rect").size());
        assertTrue(texts(svg).contains("no decisions yet"), texts(svg).toString());
    }

    @Test
    void aChartWithoutValuesSaysSo() throws Exception {
        Element svg = parse(chart("Success rate").top(100).series("per minute", "#00aa00", SvgChart.Style.LINE,
                new double[] {Double.NaN, Double.NaN}).whenEmpty("no outcome reported yet").render());
        assertTrue(texts(svg).contains("no outcome reported yet"), texts(svg).toString());
        assertTrue(texts(svg).contains("100"), "the fixed top of the axis: " + texts(svg));
    }

    @Test
    void namesAndUnitsAreEscaped() throws Exception {
        String svg = new SvgChart("c", "<script>alert(1)</script>", "a&b", TEN_O_CLOCK, TEN_O_CLOCK + TEN_MINUTES,
                CLOCK).series("x' onload='alert(2)", "#000' onload='alert(3)", SvgChart.Style.LINE, new double[] {1})
                .render();
        assertTrue(!svg.contains("<script>") && !svg.contains("' onload="), svg);
        Element root = parse(svg);
        assertTrue(texts(root).contains("<script>alert(1)</script>"), "shown as text: " + texts(root));
        assertTrue(elements(root, "script").isEmpty());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SvgChart("ledrl-chart-x", "X", "u", 10, 10, CLOCK));
        assertTrue(e.getMessage().contains("ledrl-chart-x"), e.getMessage());
    }

    @Test
    void theYAxisEndsAtARoundNumberAboveTheLargestValue() {
        assertAxis(0.35, 0.1, 0.4);
        assertAxis(82.9, 20, 100);
        assertAxis(100, 20, 100);
        assertAxis(7, 2, 8);
        assertAxis(0, 0.2, 1);
        assertAxis(Double.NaN, 0.2, 1);
    }

    private static void assertAxis(double largest, double step, double top) {
        SvgChart.Axis axis = SvgChart.Axis.of(largest);
        assertEquals(step, axis.step(), 1e-12, "step for " + largest);
        assertEquals(top, axis.top(), 1e-9, "top for " + largest);
        assertTrue(axis.top() >= largest || !Double.isFinite(largest), "the top is above " + largest);
    }
}
