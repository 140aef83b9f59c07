package io.lakehouse.materializer.reliability;

import com.google.common.collect.ImmutableMap;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * An HTTP/1.1 proxy in front of one server that fails a share of the requests, each kind of {@link Fault} at its own
 * rate: it answers an error in the server's own shape without forwarding ({@link ErrorShape}), drops the connection
 * before forwarding, forwards the request and drops the connection instead of returning the response (the request
 * took effect, the client does not know), or holds the request without answering until the client gives up. In front
 * of Trino it can also replace a share of the statements by one that fails.
 * <p>
 * Bodies stream through in both directions as they come, whatever their size or framing ({@code Content-Length},
 * {@code chunked}, {@code aws-chunked}, {@code Expect: 100-continue}); the request line and headers reach the server
 * unchanged but for the connection headers, which AWS Signature V4 leaves unsigned, so signatures stay valid. One
 * connection carries one request: the proxy asks the server for {@code Connection: close}, and the server's answer
 * tells the client.
 */
final class FaultInjectingProxy
        implements Closeable
{
    enum Fault
    {
        /** answered 503 without forwarding */
        UNAVAILABLE,
        /** answered with the server's throttling error without forwarding */
        THROTTLED,
        /** answered 500 without forwarding */
        INTERNAL_ERROR,
        /** the connection reset before forwarding */
        DROPPED_BEFORE,
        /** forwarded, then the connection reset instead of the server's answer */
        DROPPED_AFTER,
        /** not forwarded and never answered: the client's timeout ends it */
        STALLED,
        /** a Trino statement replaced by one that fails */
        FAILING_STATEMENT
    }

    private static final byte[] FAILING_STATEMENT = "SELECT fail('injected failure')".getBytes(ISO_8859_1);
    // a stalled connection is closed after this even when its client never gives up
    private static final Duration MAX_STALL = Duration.ofMinutes(2);
    // an error answered before the client sent its body: the proxy reads the body before closing, so the client sees the answer
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final URI upstream;
    private final Map<Fault, Double> rates;
    private final ErrorShape errors;
    private final Map<Fault, Occurrences> occurrences = new EnumMap<>(Fault.class);
    private final Optional<Occurrences> failingStatements;
    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().name("fault-proxy-", 0).daemon().factory());
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
    private volatile boolean enabled = true;

    /**
     * @param rates the share of requests failing with each fault; {@link Fault#FAILING_STATEMENT}'s is the share of
     * Trino statements ({@code POST /v1/statement}) that write a table
     * @param errors how the server answers an error
     */
    FaultInjectingProxy(URI upstream, Map<Fault, Double> rates, ErrorShape errors, long seed)
            throws IOException
    {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.rates = ImmutableMap.copyOf(requireNonNull(rates, "rates is null"));
        this.errors = requireNonNull(errors, "errors is null");
        double total = rates.entrySet().stream()
                .filter(entry -> entry.getKey() != Fault.FAILING_STATEMENT)
                .mapToDouble(Map.Entry::getValue)
                .sum();
        checkArgument(total <= 1, "fault rates add up to more than 1: %s", rates);
        Random random = new Random(seed);
        rates.forEach((fault, rate) -> {
            if (fault != Fault.FAILING_STATEMENT) {
                occurrences.put(fault, new Occurrences(rate, random));
            }
        });
        this.failingStatements = Optional.ofNullable(rates.get(Fault.FAILING_STATEMENT)).map(rate -> new Occurrences(rate, random));
        for (Fault fault : Fault.values()) {
            faults.put(fault, new AtomicLong());
        }
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
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

    /**
     * The requests while failing requests was enabled.
     */
    long requests()
    {
        return requests.get();
    }

    long faults(Fault fault)
    {
        return faults.get(fault).get();
    }

    long faults()
    {
        return faults.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * The figures of this proxy, such as {@code S3 812 requests, 41 faults (UNAVAILABLE 9, STALLED 2, …)}.
     */
    String describe(String name)
    {
        StringBuilder kinds = new StringBuilder();
        faults.forEach((fault, count) -> {
            if (rates.getOrDefault(fault, 0.0) > 0) {
                kinds.append(kinds.isEmpty() ? "" : ", ").append(fault).append(' ').append(count.get());
            }
        });
        return "%s %s requests, %s faults (%s)".formatted(name, requests(), faults(), kinds);
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
        connections.add(client);
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headers = new String(head, ISO_8859_1);
            // a statement's text decides whether it may be replaced: the proxy reads it before forwarding it
            Optional<byte[]> statement = headers.startsWith("POST /v1/statement ") ? Optional.of(in.readNBytes(contentLength(headers))) : Optional.empty();
            InputStream body = statement.<InputStream>map(ByteArrayInputStream::new).orElse(in);
            Fault fault = nextFault(statement.filter(FaultInjectingProxy::writesTable).isPresent());
            if (fault != null) {
                faults.get(fault).incrementAndGet();
            }
            switch (fault) {
                case UNAVAILABLE, THROTTLED, INTERNAL_ERROR -> {
                    out.write(errors.response(fault));
                    out.flush();
                    client.shutdownOutput();
                    drain(client, in, DRAIN_TIMEOUT);
                }
                case DROPPED_BEFORE -> client.setSoLinger(true, 0);
                case STALLED -> drain(client, in, MAX_STALL);
                case FAILING_STATEMENT -> {
                    String replaced = headers.replaceAll("(?im)^content-length:.*$", "Content-Length: " + FAILING_STATEMENT.length);
                    forward(client, replaced, new ByteArrayInputStream(FAILING_STATEMENT), false);
                }
                case DROPPED_AFTER -> forward(client, headers, body, true);
                case null -> forward(client, headers, body, false);
            }
        }
        catch (IOException _) {
            // a dropped connection is what this proxy is for
        }
        finally {
            connections.remove(client);
        }
    }

    /**
     * Sends the request to the server, its body streaming from {@code body} as the client sends it, and the answer
     * back to the client; with {@code drop}, resets the client's connection once the server answered.
     */
    private void forward(Socket client, String headers, InputStream body, boolean drop)
            throws IOException
    {
        try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream toServer = server.getOutputStream();
            toServer.write(withConnectionClose(headers).getBytes(ISO_8859_1));
            toServer.flush();
            // the body flows while the answer is awaited: a client expecting 100-continue sends it only after the server's interim answer
            executor.execute(() -> {
                try {
                    body.transferTo(toServer);
                    toServer.flush();
                }
                catch (IOException _) {
                    // the exchange ended; closing the sockets ends this copy
                }
            });
            InputStream fromServer = new BufferedInputStream(server.getInputStream());
            OutputStream toClient = client.getOutputStream();
            if (drop) {
                // interim answers (100 Continue) go through, so that the server gets the whole request; its final answer does not
                while (true) {
                    byte[] answer = readHead(fromServer);
                    if (answer == null || !new String(answer, ISO_8859_1).matches("(?s)HTTP/1\\.1 1\\d\\d .*")) {
                        client.setSoLinger(true, 0);
                        return;
                    }
                    toClient.write(answer);
                    toClient.write("\r\n\r\n".getBytes(ISO_8859_1));
                    toClient.flush();
                }
            }
            fromServer.transferTo(toClient);
            toClient.flush();
        }
    }

    /**
     * A statement that writes a table's data, which no client can do without: a failing one fails its task's attempt
     * (a failing read, such as an audit or lineage query, may be answered by another query).
     */
    private static boolean writesTable(byte[] statement)
    {
        String sql = new String(statement, UTF_8).stripLeading().toUpperCase(Locale.ROOT);
        return sql.startsWith("CREATE TABLE ") || sql.startsWith("INSERT ");
    }

    private synchronized Fault nextFault(boolean statement)
    {
        if (!enabled) {
            return null;
        }
        requests.incrementAndGet();
        if (statement && failingStatements.isPresent()) {
            Occurrences statements = failingStatements.get();
            boolean due = statements.isDue();
            statements.advance();
            if (due) {
                statements.take();
                return Fault.FAILING_STATEMENT;
            }
        }
        // when two kinds fall on one request, the second stays due and takes the next one
        Fault fault = null;
        for (Map.Entry<Fault, Occurrences> kind : occurrences.entrySet()) {
            if (kind.getValue().isDue()) {
                kind.getValue().take();
                fault = kind.getKey();
                break;
            }
        }
        occurrences.values().forEach(Occurrences::advance);
        return fault;
    }

    /**
     * Where one kind of fault falls: once in every run of {@code 1 / rate} requests, at a random place in that run,
     * so that the number of faults is the rate's share of the requests, whatever the order the requests come in.
     */
    private static final class Occurrences
    {
        private final int period;
        private final Random random;
        private long request;
        private long runStart;
        private long next;
        private boolean taken;

        Occurrences(double rate, Random random)
        {
            checkArgument(rate > 0 && rate <= 1, "rate must be in (0, 1]: %s", rate);
            this.period = (int) Math.round(1 / rate);
            this.random = random;
            this.next = random.nextInt(period);
        }

        boolean isDue()
        {
            return request >= next;
        }

        /**
         * The current request gets this fault: the next one falls in the next run.
         */
        void take()
        {
            runStart += period;
            next = Math.max(runStart + random.nextInt(period), request + 1);
        }

        void advance()
        {
            request++;
        }
    }

    /**
     * Reads what the client still sends until it closes the connection or the time is up.
     */
    private static void drain(Socket client, InputStream in, Duration timeout)
            throws IOException
    {
        client.setSoTimeout((int) timeout.toMillis());
        in.transferTo(OutputStream.nullOutputStream());
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
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
            checkArgument(!lower.startsWith("transfer-encoding:"), "a statement to replace must have a Content-Length: %s", line);
        }
        return 0;
    }

    /**
     * The start line and headers, without the blank line that ends them; null when the peer closed first.
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
        for (Socket connection : connections) {
            connection.close();
        }
        executor.shutdownNow();
    }
}
