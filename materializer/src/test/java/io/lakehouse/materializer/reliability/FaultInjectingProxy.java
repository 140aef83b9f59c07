package io.lakehouse.materializer.reliability;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

/**
 * An HTTP/1.1 proxy in front of one server that fails a share of the requests: it answers 503 or a throttling
 * error without forwarding, drops the connection before forwarding, or forwards the request and drops the
 * connection instead of returning the response (the request took effect, the client does not know). One
 * connection carries one request ({@code Connection: close}). In front of Trino it can also replace a share of the
 * statements by one that fails.
 */
final class FaultInjectingProxy
        implements Closeable
{
    enum Fault
    {
        UNAVAILABLE, THROTTLED, DROPPED_BEFORE, DROPPED_AFTER, FAILING_STATEMENT
    }

    private static final byte[] FAILING_STATEMENT = "SELECT fail('injected failure')".getBytes(ISO_8859_1);

    private final URI upstream;
    private final double rate;
    private final double statementFailureRate;
    private final String throttlingBody;
    private final Random random;
    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("fault-proxy-", 0).daemon().factory());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong[] faults = new AtomicLong[Fault.values().length];
    private volatile boolean enabled = true;

    /**
     * @param rate the share of requests that fail
     * @param throttlingBody the body of a throttling answer (HTTP 400 with AWS's {@code ThrottlingException})
     */
    FaultInjectingProxy(URI upstream, double rate, long seed, String throttlingBody)
            throws IOException
    {
        this(upstream, rate, 0, seed, throttlingBody);
    }

    /**
     * @param statementFailureRate the share of Trino statements ({@code POST /v1/statement}) replaced by one that fails
     */
    FaultInjectingProxy(URI upstream, double rate, double statementFailureRate, long seed, String throttlingBody)
            throws IOException
    {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.rate = rate;
        this.statementFailureRate = statementFailureRate;
        this.throttlingBody = requireNonNull(throttlingBody, "throttlingBody is null");
        this.random = new Random(seed);
        for (int i = 0; i < faults.length; i++) {
            faults[i] = new AtomicLong();
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    URI uri()
    {
        return URI.create("http://127.0.0.1:%s".formatted(server.getLocalPort()));
    }

    void enabled(boolean enabled)
    {
        this.enabled = enabled;
    }

    long requests()
    {
        return requests.get();
    }

    long faults(Fault fault)
    {
        return faults[fault.ordinal()].get();
    }

    long faults()
    {
        long total = 0;
        for (AtomicLong count : faults) {
            total += count.get();
        }
        return total;
    }

    private void accept()
    {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                executor.execute(() -> serve(client));
            }
            catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client)
    {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headers = new String(head, ISO_8859_1);
            int length = contentLength(headers);
            byte[] body = in.readNBytes(length);
            requests.incrementAndGet();
            Fault fault = nextFault(headers.startsWith("POST /v1/statement "));
            if (fault == Fault.FAILING_STATEMENT) {
                body = FAILING_STATEMENT;
                headers = headers.replaceAll("(?im)^content-length:.*$", "Content-Length: " + body.length);
            }
            if (fault != null) {
                faults[fault.ordinal()].incrementAndGet();
            }
            OutputStream out = client.getOutputStream();
            if (fault == Fault.UNAVAILABLE) {
                respond(out, "503 Service Unavailable", "text/plain", "injected: service unavailable");
                return;
            }
            if (fault == Fault.THROTTLED) {
                respond(out, "400 Bad Request", "application/x-amz-json-1.1", throttlingBody);
                return;
            }
            if (fault == Fault.DROPPED_BEFORE) {
                client.setSoLinger(true, 0);
                return;
            }
            try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
                OutputStream toServer = server.getOutputStream();
                toServer.write(withConnectionClose(headers).getBytes(ISO_8859_1));
                toServer.write(body);
                toServer.flush();
                InputStream fromServer = server.getInputStream();
                if (fault == Fault.DROPPED_AFTER) {
                    // let the server take the request in full, then leave the client without an answer
                    fromServer.read();
                    client.setSoLinger(true, 0);
                    return;
                }
                fromServer.transferTo(out);
                out.flush();
            }
        }
        catch (IOException _) {
            // a dropped connection is what this proxy is for
        }
    }

    private synchronized Fault nextFault(boolean statement)
    {
        if (!enabled) {
            return null;
        }
        if (statement && random.nextDouble() < statementFailureRate) {
            return Fault.FAILING_STATEMENT;
        }
        if (random.nextDouble() >= rate) {
            return null;
        }
        return Fault.values()[random.nextInt(Fault.FAILING_STATEMENT.ordinal())];
    }

    private static void respond(OutputStream out, String status, String contentType, String body)
            throws IOException
    {
        byte[] bytes = body.getBytes(ISO_8859_1);
        String extra = body.contains("ThrottlingException") ? "x-amzn-ErrorType: ThrottlingException\r\n" : "";
        out.write(("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %s\r\n%sConnection: close\r\n\r\n".formatted(status, contentType, bytes.length, extra)).getBytes(ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String withConnectionClose(String headers)
    {
        StringBuilder result = new StringBuilder();
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("connection:") || lower.startsWith("keep-alive:") || lower.startsWith("proxy-connection:")) {
                continue;
            }
            result.append(line).append("\r\n");
        }
        return result.append("Connection: close\r\n\r\n").toString();
    }

    private static int contentLength(String headers)
    {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IllegalStateException("chunked requests are not supported: " + line);
            }
        }
        return 0;
    }

    /**
     * The request line and headers, without the blank line that ends them; null when the client closed first.
     */
    private static byte[] readHead(InputStream in)
            throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        byte[] bytes = head.toByteArray();
        byte[] withoutEnd = new byte[bytes.length - 4];
        System.arraycopy(bytes, 0, withoutEnd, 0, withoutEnd.length);
        return withoutEnd;
    }

    @Override
    public void close()
            throws IOException
    {
        server.close();
        executor.shutdownNow();
    }
}
