package io.lakehouse.materializer.execution;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A Trino coordinator reached through {@code trino-jdbc}.
 *
 * @param uri the coordinator's HTTP address, such as {@code http://localhost:8080}
 */
public record TrinoServer(URI uri, String user)
{
    private static final String SOURCE = "lakehouse-materializer";

    public TrinoServer
    {
        requireNonNull(uri, "uri is null");
        requireNonNull(user, "user is null");
        checkArgument("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()), "Invalid Trino server '%s': expected http://host:port or https://host:port", uri);
        checkArgument(uri.getHost() != null, "Invalid Trino server '%s': no host name", uri);
        checkArgument(!user.isBlank(), "user is blank");
    }

    public String jdbcUrl()
    {
        boolean secure = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : (secure ? 443 : 80);
        return "jdbc:trino://%s:%s%s".formatted(uri.getHost(), port, secure ? "?SSL=true" : "");
    }

    public Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("source", SOURCE);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }
}
