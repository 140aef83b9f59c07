package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The customer feed of the seed's Kinesis/Glue pipeline: every day, one JSON object per line for each customer whose
 * profile changed that day (about one in seven), gzip-compressed. Objects nest: {@code name}, {@code contact},
 * {@code address}, {@code loyalty} and {@code preferences} are objects, {@code preferences.channels} an array; a
 * customer without a phone has no {@code phone} key.
 */
public final class CustomerFeedGenerator
{
    public static final String DATASET = "customer_feed";
    public static final String FILE_NAME = "customers.jsonl.gz";

    private static final double CHANGED_PERCENT = 15;
    private static final List<String> CHANNELS = ImmutableList.of("email", "sms", "post", "push");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final long seed;
    private final CustomerGenerator customers;

    public CustomerFeedGenerator(long seed, CustomerGenerator customers)
    {
        this.seed = seed;
        this.customers = requireNonNull(customers, "customers is null");
    }

    /**
     * The feed's records of {@code ds}, one JSON object each, ordered by customer id.
     */
    public List<String> records(LocalDate ds)
    {
        List<String> records = new ArrayList<>();
        for (int id = CustomerGenerator.FIRST_CUSTOMER_ID; id <= customers.lastCustomerId(); id++) {
            SplittableRandom random = RandomStreams.stream(seed, 12, ds.toEpochDay() * 1_000_003L + id);
            if (percent(random, CHANGED_PERCENT)) {
                records.add(record(customers.customer(id), ds, random));
            }
        }
        return records;
    }

    public LandingFile landingFile(LocalDate ds)
    {
        requireNonNull(ds, "ds is null");
        return new LandingFile(DATASET, ds, FILE_NAME, output -> TextFiles.gzip(output, UTF_8, writer -> write(records(ds), writer)));
    }

    private static long write(List<String> records, Writer writer)
            throws IOException
    {
        for (String record : records) {
            writer.write(record);
            writer.write('\n');
        }
        return records.size();
    }

    private static String record(Customer customer, LocalDate ds, SplittableRandom random)
    {
        LocalDateTime updatedAt = ds.atStartOfDay().plusSeconds(random.nextInt(24 * 60 * 60));
        // loyalty points accrue with membership; the tier follows the points
        long points = ChronoUnit.DAYS.between(customer.memberSince(), ds) * (1 + customer.id() % 7) + random.nextInt(100);
        String tier = points >= 20_000 ? "platinum" : points >= 10_000 ? "gold" : points >= 3_000 ? "silver" : "bronze";
        boolean newsletter = percent(random, 60);
        List<String> channels = new ArrayList<>();
        for (String channel : CHANNELS) {
            if (percent(random, channel.equals("email") ? 70 : 30)) {
                channels.add(channel);
            }
        }

        Json json = new Json()
                .field("customer_id", customer.id())
                .field("updated_at", TIMESTAMP.format(updatedAt))
                .object("name")
                .field("first", customer.firstName())
                .field("last", customer.lastName())
                .end()
                .object("contact")
                .field("email", customer.email());
        customer.phone().ifPresent(phone -> json.field("phone", phone));
        return json.end()
                .object("address")
                .field("street", customer.street())
                .field("city", customer.city())
                .field("postal_code", customer.postalCode())
                .field("country", customer.country())
                .end()
                .object("loyalty")
                .field("tier", tier)
                .field("points", points)
                .field("member_since", customer.memberSince().toString())
                .end()
                .object("preferences")
                .field("newsletter", newsletter)
                .array("channels", channels)
                .end()
                .end()
                .toString();
    }

    /**
     * A JSON object written field by field, without a JSON library: the feed's values are strings, numbers,
     * booleans, string arrays and nested objects.
     */
    private static final class Json
    {
        private final StringBuilder text = new StringBuilder("{");
        private boolean first = true;

        Json field(String name, String value)
        {
            name(name);
            string(value);
            return this;
        }

        Json field(String name, long value)
        {
            name(name);
            text.append(value);
            return this;
        }

        Json field(String name, boolean value)
        {
            name(name);
            text.append(value);
            return this;
        }

        Json array(String name, List<String> values)
        {
            name(name);
            text.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                string(values.get(i));
            }
            text.append(']');
            return this;
        }

        Json object(String name)
        {
            name(name);
            text.append('{');
            first = true;
            return this;
        }

        Json end()
        {
            text.append('}');
            first = false;
            return this;
        }

        @Override
        public String toString()
        {
            return text.toString();
        }

        private void name(String name)
        {
            if (!first) {
                text.append(',');
            }
            first = false;
            string(name);
            text.append(':');
        }

        private void string(String value)
        {
            text.append('"');
            for (int i = 0; i < value.length(); i++) {
                char character = value.charAt(i);
                switch (character) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> {
                        if (character < 0x20) {
                            text.append("\\u%04x".formatted((int) character));
                        }
                        else {
                            text.append(character);
                        }
                    }
                }
            }
            text.append('"');
        }
    }
}
