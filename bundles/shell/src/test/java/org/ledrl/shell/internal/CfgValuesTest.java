package org.ledrl.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CfgValuesTest {

    @Test
    void aListOnOneLineBecomesItsElements() {
        assertArrayEquals(new String[] {"0-1:25", "0-2:25", "1-2:10"}, CfgValues.split("0-1:25,0-2:25,1-2:10"));
        assertArrayEquals(new String[] {"0-1:25", "0-2:25"}, CfgValues.split(" 0-1:25 , 0-2:25 ,"));
        assertArrayEquals(new String[] {"0-1:25", "0-2:25"}, CfgValues.split("[\"0-1:25\",\"0-2:25\"]"));
        assertArrayEquals(new String[] {"tcp://a:1883"}, CfgValues.split("tcp://a:1883"));
        assertArrayEquals(new String[0], CfgValues.split(""));
    }

    @Test
    void aMisspeltKeyIsReportedWithTheNearestKnownOne() {
        Set<String> known = Set.of("links", "localNode", "maxHops", ".token");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("link", "0-1:25");
        properties.put("maxhops", "2");
        properties.put("service.pid", "org.ledrl.live");
        properties.put("felix.fileinstall.filename", "file:/x/org.ledrl.live.cfg");
        properties.put("runtime.target", "(a=b)");
        properties.put("localNode", "0");
        assertEquals(Set.of("link", "maxhops"), Set.copyOf(CfgValues.unknownKeys(properties, known)));
        assertEquals("links", CfgValues.nearest("link", known));
        assertEquals("maxHops", CfgValues.nearest("maxhops", known));
        assertEquals(".token", CfgValues.nearest("token", known));
        assertNull(CfgValues.nearest("completelyDifferent", known));
        assertEquals(List.of(), CfgValues.unknownKeys(new Hashtable<>(), known));
    }
}
