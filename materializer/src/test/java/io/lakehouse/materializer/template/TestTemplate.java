package io.lakehouse.materializer.template;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTemplate
{
    private static final TemplateVariables DS_2024_01_01 = TemplateVariables.forDs(LocalDate.of(2024, 1, 1));

    @Test
    void testDateVariableRendersAsTypedDateLiteral()
    {
        Template template = Template.parse("SELECT * FROM t WHERE ds = {{ ds }}", 1, 1);

        assertThat(template.render(DS_2024_01_01)).isEqualTo("SELECT * FROM t WHERE ds = DATE '2024-01-01'");
    }

    @Test
    void testIntervalBoundsRenderAsTypedTimestampLiterals()
    {
        Template template = Template.parse("WHERE t >= {{ data_interval_start }} AND t < {{data_interval_end}}", 1, 1);

        assertThat(template.render(DS_2024_01_01)).isEqualTo("WHERE t >= TIMESTAMP '2024-01-01 00:00:00' AND t < TIMESTAMP '2024-01-02 00:00:00'");
    }

    @Test
    void testPlaceholderWithoutSpacesRenders()
    {
        assertThat(Template.parse("SELECT {{ds}}", 1, 1).render(DS_2024_01_01)).isEqualTo("SELECT DATE '2024-01-01'");
    }

    @Test
    void testTextAroundPlaceholdersIsKeptSoLineNumbersDoNotMove()
    {
        String sql = "\nSELECT a,\n  {{ ds }} AS ds\nFROM t -- {{ not a placeholder }}\n";

        String rendered = Template.parse(sql, 7, 3).render(DS_2024_01_01);

        assertThat(rendered).isEqualTo("\nSELECT a,\n  DATE '2024-01-01' AS ds\nFROM t -- {{ not a placeholder }}\n");
        assertThat(rendered.lines().count()).isEqualTo(sql.lines().count());
    }

    @Test
    void testPlaceholdersInCommentsAreLeftAlone()
    {
        Template template = Template.parse("SELECT 1 /* {{ unknown }} */ -- {{ also unknown }}", 1, 1);

        assertThat(template.variables()).isEmpty();
        assertThat(template.render(DS_2024_01_01)).isEqualTo("SELECT 1 /* {{ unknown }} */ -- {{ also unknown }}");
    }

    @Test
    void testUnknownVariableFailsAtItsLineAndColumn()
    {
        Template template = Template.parse("SELECT 1\nFROM t\nWHERE x = {{ day }}", 10, 1);

        assertThatThrownBy(() -> template.render(DS_2024_01_01))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.getLine()).isEqualTo(12);
                    assertThat(e.getColumn()).isEqualTo(11);
                })
                .hasMessage("Unknown template variable 'day'; available variables: ds, data_interval_start, data_interval_end");
    }

    @Test
    void testPlaceholderInsideStringLiteralIsRejected()
    {
        assertThatThrownBy(() -> Template.parse("SELECT 1\nWHERE ds = '{{ ds }}'", 3, 1))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.getLine()).isEqualTo(4))
                .hasMessageContaining("Placeholder inside a string literal: write {{ name }} without quotes");
    }

    @Test
    void testPlaceholderAfterEscapedQuoteInStringLiteralIsRejected()
    {
        assertThatThrownBy(() -> Template.parse("SELECT 'it''s {{ ds }}'", 1, 1))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("inside a string literal");
    }

    @Test
    void testPlaceholderInsideQuotedIdentifierIsRejected()
    {
        assertThatThrownBy(() -> Template.parse("SELECT \"col_{{ ds }}\" FROM t", 1, 1))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("inside a quoted identifier");
    }

    @Test
    void testStringLiteralsWithoutPlaceholdersAreKept()
    {
        assertThat(Template.parse("SELECT 'a '' {b}', \"c\" FROM t WHERE ds = {{ ds }}", 1, 1).render(DS_2024_01_01))
                .isEqualTo("SELECT 'a '' {b}', \"c\" FROM t WHERE ds = DATE '2024-01-01'");
    }

    @Test
    void testUnclosedPlaceholderIsRejected()
    {
        assertThatThrownBy(() -> Template.parse("SELECT {{ ds\n}}", 5, 1))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.getLine()).isEqualTo(5))
                .hasMessageContaining("Unclosed '{{'");
    }

    @Test
    void testExpressionsInPlaceholdersAreRejected()
    {
        assertThatThrownBy(() -> Template.parse("SELECT {{ ds + 1 }}", 1, 1))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Expected a variable name between '{{' and '}}', found 'ds + 1'");
    }
}
