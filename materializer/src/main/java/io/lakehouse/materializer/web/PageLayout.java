package io.lakehouse.materializer.web;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.text;

/**
 * The frame of every page: top bar with navigation and sign-in state, the page's content, and the stylesheet and
 * script (served from {@code /ui/static/}, no inline script or style, so the content security policy can forbid them).
 */
final class PageLayout
{
    private PageLayout() {}

    /**
     * @param section which navigation entry is current: pipelines, grid or runs
     * @param refresh whether the page reloads itself every few seconds (something on it is running)
     */
    static String render(String title, String section, Viewer viewer, String content, boolean refresh)
    {
        String session;
        if (!viewer.actionsEnabled()) {
            session = "<span class=\"muted\" title=\"start the service with an API token to enable actions\">read-only</span>";
        }
        else if (viewer.signedIn()) {
            session = "<form method=\"post\" action=\"/ui/logout\" class=\"inline\">%s<span class=\"signed-in\">● signed in</span> <button class=\"link\" type=\"submit\">Sign out</button></form>".formatted(viewer.csrfField());
        }
        else {
            session = "<a class=\"button small\" href=\"/ui/login\">Sign in</a>";
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · lakehouse materializer</title>
                <link rel="stylesheet" href="/ui/static/app.css">
                <script src="/ui/static/app.js" defer></script>
                </head>
                <body%s>
                <header class="topbar">
                <a class="brand" href="/ui/"><span class="logo">◆</span> lakehouse <span class="muted">materializer</span></a>
                <nav>%s%s%s</nav>
                <div class="session">%s</div>
                </header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(text(title), refresh ? " data-refresh=\"3\"" : "",
                nav("/ui/", "Pipelines", section.equals("pipelines")),
                nav("/ui/grid", "Grid", section.equals("grid")),
                nav("/ui/runs", "Runs", section.equals("runs")),
                session, content);
    }

    private static String nav(String href, String label, boolean current)
    {
        return "<a href=\"%s\"%s>%s</a>".formatted(attribute(href), current ? " class=\"current\" aria-current=\"page\"" : "", text(label));
    }
}
