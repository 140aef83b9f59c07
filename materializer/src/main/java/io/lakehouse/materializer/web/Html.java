package io.lakehouse.materializer.web;

import java.net.URLEncoder;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Escaping and the small fragments every page uses. Every value that reaches a page goes through {@link #text}
 * or {@link #attribute}: model names, SQL and error messages come from files and databases.
 */
final class Html
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Html() {}

    static String text(Object value)
    {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static String attribute(Object value)
    {
        return text(value);
    }

    /**
     * A path segment, such as a model name in {@code /ui/models/<name>}.
     */
    static String segment(String value)
    {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }

    static String badge(String state)
    {
        return "<span class=\"badge state-%s\">%s</span>".formatted(attribute(state), text(state.toLowerCase()));
    }

    static String time(LocalDateTime time)
    {
        return "<time datetime=\"%sZ\">%s</time>".formatted(attribute(time), text(TIME.format(time)));
    }

    static String time(Optional<LocalDateTime> time)
    {
        return time.map(Html::time).orElse("<span class=\"muted\">—</span>");
    }

    static String duration(LocalDateTime start, Optional<LocalDateTime> end, LocalDateTime now)
    {
        return text(duration(Duration.between(start, end.orElse(now))) + (end.isEmpty() ? " so far" : ""));
    }

    static String duration(Duration duration)
    {
        long millis = Math.max(duration.toMillis(), 0);
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return "%.1f s".formatted(millis / 1000.0);
        }
        if (seconds < 3600) {
            return "%d min %d s".formatted(seconds / 60, seconds % 60);
        }
        if (seconds < 86400 * 2) {
            return "%d h %d min".formatted(seconds / 3600, (seconds % 3600) / 60);
        }
        return "%d days %d h".formatted(seconds / 86400, (seconds % 86400) / 3600);
    }

    static String modelLink(String model)
    {
        return "<a href=\"/ui/models/%s\">%s</a>".formatted(attribute(segment(model)), text(model));
    }

    static String runLink(String runId)
    {
        return "<a class=\"mono\" href=\"/ui/runs/%s\">%s</a>".formatted(attribute(segment(runId)), text(runId));
    }
}
