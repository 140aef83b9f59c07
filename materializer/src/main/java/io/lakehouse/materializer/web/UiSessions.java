package io.lakehouse.materializer.web;

import com.google.inject.Inject;
import io.lakehouse.materializer.server.MaterializerConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Who may act through the web UI: whoever knows the API token ({@code materializer.api-token}). Signing in with it
 * sets a cookie ({@code HttpOnly}, {@code SameSite=Strict}) holding a value derived from the token, never the token
 * itself; changing the token signs everybody out. Actions are forms that carry a CSRF token derived from the API
 * token as well, and must come from the UI's own origin; an {@code Authorization: Bearer} header works too.
 */
public final class UiSessions
{
    public static final String COOKIE = "lakehouse_ui";

    private final Optional<String> token;

    @Inject
    public UiSessions(MaterializerConfig config)
    {
        this(config.getApiToken());
    }

    public UiSessions(Optional<String> token)
    {
        this.token = requireNonNull(token, "token is null");
    }

    public boolean actionsEnabled()
    {
        return token.isPresent();
    }

    public boolean tokenMatches(String candidate)
    {
        return token.isPresent() && candidate != null && equal(token.get(), candidate);
    }

    public boolean signedIn(String cookie)
    {
        return token.isPresent() && cookie != null && equal(derived("session"), cookie);
    }

    public Optional<String> csrfToken(String cookie)
    {
        return signedIn(cookie) ? Optional.of(derived("csrf")) : Optional.empty();
    }

    /**
     * Why an action is refused, if it is.
     *
     * @param origin the request's {@code Origin} header, if any
     * @param host the request's {@code Host} header
     */
    public Optional<Refusal> refusal(String authorization, String cookie, String csrf, String origin, String host)
    {
        if (token.isEmpty()) {
            return Optional.of(new Refusal(403, "Actions are disabled: start the service with an API token (materializer.api-token, env LAKEHOUSE_API_TOKEN) to enable them."));
        }
        if (authorization != null && equal("Bearer " + token.get(), authorization)) {
            return Optional.empty();
        }
        if (!signedIn(cookie)) {
            return Optional.of(new Refusal(401, "Sign in with the API token to trigger, backfill, cancel or roll back."));
        }
        if (!sameOrigin(origin, host) || csrf == null || !equal(derived("csrf"), csrf)) {
            return Optional.of(new Refusal(403, "The form did not come from this page (missing or wrong CSRF token, or another origin); reload the page and try again."));
        }
        return Optional.empty();
    }

    public static boolean sameOrigin(String origin, String host)
    {
        if (origin == null) {
            // browsers send Origin with every cross-origin POST; its absence means a same-origin or non-browser client
            return true;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String sessionCookie(boolean secure)
    {
        return "%s=%s; Path=/ui; Max-Age=43200; HttpOnly; SameSite=Strict%s".formatted(COOKIE, derived("session"), secure ? "; Secure" : "");
    }

    public static String expiredCookie()
    {
        return "%s=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict".formatted(COOKIE);
    }

    private String derived(String purpose)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.orElseThrow().getBytes(UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("lakehouse-materializer-ui:" + purpose).getBytes(UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean equal(String expected, String actual)
    {
        return MessageDigest.isEqual(expected.getBytes(UTF_8), actual.getBytes(UTF_8));
    }

    public record Refusal(int status, String message)
    {
        public Refusal
        {
            requireNonNull(message, "message is null");
        }
    }
}
