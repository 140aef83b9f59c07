package io.lakehouse.materializer.execution;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTrinoServer
{
    @Test
    void testHttpServerBecomesJdbcUrl()
    {
        assertThat(new TrinoServer(URI.create("http://localhost:8080"), "lakehouse").jdbcUrl()).isEqualTo("jdbc:trino://localhost:8080");
    }

    @Test
    void testHttpsServerUsesSslAndDefaultPort()
    {
        assertThat(new TrinoServer(URI.create("https://trino.example.com"), "lakehouse").jdbcUrl()).isEqualTo("jdbc:trino://trino.example.com:443?SSL=true");
    }

    @Test
    void testServerMustBeHttpUrl()
    {
        assertThatThrownBy(() -> new TrinoServer(URI.create("jdbc:trino://localhost:8080"), "lakehouse"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Trino server 'jdbc:trino://localhost:8080': expected http://host:port or https://host:port");
    }
}
