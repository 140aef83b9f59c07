package io.lakehouse.materializer.web;

import java.util.Optional;

import static io.lakehouse.materializer.web.Html.attribute;
import static io.lakehouse.materializer.web.Html.text;

/**
 * The sign-in form, and the page of a refused or failed action.
 */
final class LoginPage
{
    private LoginPage() {}

    static String render(Viewer viewer, String next, Optional<String> error)
    {
        String content = """
                <section class="card narrow">
                <h1>Sign in</h1>
                <p class="muted">Actions (trigger, backfill, cancel, roll back) need the service's API token, the value of <code>LAKEHOUSE_API_TOKEN</code>.</p>
                %s
                <form method="post" action="/ui/login" id="login-form">
                <input type="hidden" name="next" value="%s">
                <label>API token <input type="password" name="token" id="token" autocomplete="current-password" required autofocus></label>
                <button type="submit" id="sign-in">Sign in</button>
                </form>
                </section>
                """.formatted(error.map(message -> "<p class=\"error\" id=\"error\">%s</p>".formatted(text(message))).orElse(""), attribute(next));
        return PageLayout.render("Sign in", "", viewer, content, false);
    }

    static String message(Viewer viewer, String title, String message, boolean offerSignIn)
    {
        String content = """
                <section class="card narrow">
                <h1>%s</h1>
                <p class="error" id="error">%s</p>
                <p>%s<a href="/ui/">Back to the pipelines</a></p>
                </section>
                """.formatted(text(title), text(message), offerSignIn ? "<a class=\"button\" href=\"/ui/login\">Sign in</a> " : "");
        return PageLayout.render(title, "", viewer, content, false);
    }
}
