package org.ledrl.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ledrl.prior.internal.Template;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void insertsValuesAndRepeatsSectionsPerEntry() {
        Template t = Template.parse("t.txt", "Node {{node}}:\n{{#peers}}\n- {{id}} of {{node}}\n{{/peers}}\nend\n");
        String out = t.render(Map.of("node", "0", "peers", List.of(Map.of("id", "1"), Map.of("id", "2"))));
        assertEquals("Node 0:\n- 1 of 0\n- 2 of 0\nend\n", out);
    }

    @Test
    void invertedSectionShowsOnlyForEmptyListOrFalse() {
        Template t = Template.parse("t.txt", "{{#xs}}x{{/xs}}{{^xs}}none{{/xs}}|{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}");
        assertEquals("none|no", t.render(Map.of("xs", List.of(), "flag", false)));
        assertEquals("x|yes", t.render(Map.of("xs", List.of(Map.of()), "flag", true)));
    }

    @Test
    void unknownNameIsAnErrorNamingFileAndLine() {
        Template t = Template.parse("conf/prior-user.txt", "line one\nline {{typo}}\n");
        TemplateException e = assertThrows(TemplateException.class, () -> t.render(Map.of()));
        assertTrue(e.getMessage().contains("conf/prior-user.txt line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("{{typo}}"), e.getMessage());
    }

    @Test
    void unclosedOrMismatchedSectionsAreRejectedAtParse() {
        TemplateException unclosed = assertThrows(TemplateException.class,
                () -> Template.parse("a.txt", "x\n{{#nodes}}\n- {{id}}\n"));
        assertTrue(unclosed.getMessage().contains("a.txt line 2"), unclosed.getMessage());
        TemplateException mismatched = assertThrows(TemplateException.class,
                () -> Template.parse("b.txt", "{{#a}}{{/b}}"));
        assertTrue(mismatched.getMessage().contains("{{/b}}"), mismatched.getMessage());
    }
}
