package io.lakehouse.materializer.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.lakehouse.materializer.generate.GeneratedFiles.lines;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestCustomerFeedGenerator
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    private static final ScaleFactor SCALE = new ScaleFactor(0.01);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CustomerGenerator customers = new CustomerGenerator(TitleBasicsGenerator.DEFAULT_SEED, SCALE);
    private final CustomerFeedGenerator generator = new CustomerFeedGenerator(TitleBasicsGenerator.DEFAULT_SEED, customers);

    @Test
    void testEachDayHasTheCustomersWhoseProfileChanged()
    {
        List<String> first = generator.records(DS);
        List<String> next = generator.records(DS.plusDays(1));

        assertThat(first).hasSizeBetween(customers.count() / 12, customers.count() / 4);
        assertThat(next).isNotEqualTo(first);
        assertThat(new CustomerFeedGenerator(TitleBasicsGenerator.DEFAULT_SEED, customers).records(DS)).isEqualTo(first);
    }

    @Test
    void testRecordsAreJsonObjectsWithNestedObjectsAndArrays()
            throws Exception
    {
        LandingFile file = generator.landingFile(DS);
        List<String> lines = lines(file, UTF_8);

        assertThat(file.key()).isEqualTo("customer_feed/ds=2024-01-01/customers.jsonl.gz");
        assertThat(lines).isEqualTo(generator.records(DS));
        for (String line : lines) {
            JsonNode record = MAPPER.readTree(line);
            int id = record.get("customer_id").asInt();
            Customer customer = customers.customer(id);
            assertThat(record.get("updated_at").asText()).startsWith("2024-01-01T");
            assertThat(record.get("name").get("first").asText()).isEqualTo(customer.firstName());
            assertThat(record.get("address").get("country").asText()).isEqualTo(customer.country());
            assertThat(record.get("address").get("postal_code").isTextual()).isTrue();
            assertThat(record.get("contact").has("phone")).isEqualTo(customer.phone().isPresent());
            assertThat(record.get("loyalty").get("points").isIntegralNumber()).isTrue();
            assertThat(record.get("loyalty").get("member_since").asText()).isEqualTo(customer.memberSince().toString());
            assertThat(record.get("preferences").get("channels").isArray()).isTrue();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).doesNotContain("\"phone\""));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches(".*[^\\x00-\\x7F].*"));
    }
}
