package io.lakehouse.materializer.model;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Table;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static org.assertj.core.api.Assertions.assertThat;

final class TestTableReferenceCollector
{
    private static final SqlParser SQL_PARSER = new SqlParser();

    @Test
    void testCollectsTablesOfJoinsSubqueriesAndSetOperations()
    {
        assertThat(references("""
                SELECT t.a, (SELECT max(x) FROM s.scalar_source)
                FROM c.s.t t
                JOIN s.joined j ON t.a = j.a
                WHERE t.a IN (SELECT a FROM c.s.in_source) AND EXISTS (SELECT 1 FROM exists_source)
                UNION ALL
                SELECT a, b FROM (SELECT a, b FROM c.s.nested) n
                """))
                .containsExactlyInAnyOrder("s.scalar_source", "c.s.t", "s.joined", "c.s.in_source", "exists_source", "c.s.nested");
    }

    @Test
    void testCommonTableExpressionNamesAreNotTables()
    {
        assertThat(references("""
                WITH recent AS (SELECT * FROM lake.bronze.title_basics WHERE startyear > 2000),
                     counted AS (SELECT titletype, count(*) AS titles FROM recent GROUP BY titletype)
                SELECT * FROM counted JOIN recent USING (titletype)
                """))
                .containsExactly("lake.bronze.title_basics");
    }

    @Test
    void testQualifiedNameMatchingCommonTableExpressionIsATable()
    {
        assertThat(references("WITH titles AS (SELECT 1 AS a) SELECT * FROM titles, lake.bronze.titles"))
                .containsExactly("lake.bronze.titles");
    }

    @Test
    void testNonRecursiveCommonTableExpressionDoesNotSeeItself()
    {
        // the inner "titles" is the table of the session's schema: a non-recursive WITH query cannot read itself
        assertThat(references("WITH titles AS (SELECT * FROM titles) SELECT * FROM titles"))
                .containsExactly("titles");
    }

    @Test
    void testCommonTableExpressionScopeEndsWithItsQuery()
    {
        assertThat(references("SELECT * FROM (WITH a AS (SELECT 1 AS x) SELECT * FROM a) inner_query CROSS JOIN a"))
                .containsExactly("a");
    }

    @Test
    void testCommonTableExpressionIsVisibleInOrderByAndNestedSubqueries()
    {
        assertThat(references("WITH a AS (SELECT 1 AS x) SELECT * FROM c.s.t WHERE x IN (SELECT x FROM a) ORDER BY (SELECT max(x) FROM a)"))
                .containsExactly("c.s.t");
    }

    private static List<String> references(String sql)
    {
        return TableReferenceCollector.collect(SQL_PARSER.createStatement(sql)).stream()
                .map(Table::getName)
                .map(Object::toString)
                .collect(toImmutableList());
    }
}
