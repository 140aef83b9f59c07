package io.lakehouse.materializer.web;

import java.util.Optional;

import static io.lakehouse.materializer.web.Html.attribute;
import static java.util.Objects.requireNonNull;

/**
 * Who looks at a page: whether actions are enabled at all, and the CSRF token of a signed-in viewer.
 */
record Viewer(boolean actionsEnabled, Optional<String> csrf)
{
    Viewer
    {
        requireNonNull(csrf, "csrf is null");
    }

    boolean signedIn()
    {
        return csrf.isPresent();
    }

    /**
     * The hidden field every action form carries; empty for a viewer who is not signed in, whose actions are refused.
     */
    String csrfField()
    {
        return csrf.map(token -> "<input type=\"hidden\" name=\"csrf\" value=\"%s\">".formatted(attribute(token))).orElse("");
    }
}
