package io.lakehouse.materializer.generate;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.lakehouse.materializer.generate.GeneratedFiles.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

final class TestOnlineRetailGenerator
{
    private static final LocalDate DS = LocalDate.of(2024, 1, 1);
    private static final ScaleFactor SCALE = new ScaleFactor(0.02);

    private final OnlineRetailGenerator generator = generator(TitleBasicsGenerator.DEFAULT_SEED);

    @Test
    void testSameSeedAndDateGiveTheSamePurchases()
    {
        assertThat(generator(TitleBasicsGenerator.DEFAULT_SEED).purchases(DS)).isEqualTo(generator.purchases(DS));
        assertThat(generator(7).purchases(DS)).isNotEqualTo(generator.purchases(DS));
        assertThat(generator.purchases(DS.plusDays(1))).isNotEqualTo(generator.purchases(DS));
    }

    @Test
    void testPurchasesLookLikeOnlineRetailInvoices()
    {
        List<Purchase> purchases = generator.purchases(DS);

        assertThat(purchases).hasSizeGreaterThan(300);
        assertThat(purchases).allSatisfy(purchase -> {
            assertThat(purchase.invoiceDate().toLocalDate()).isEqualTo(DS);
            assertThat(purchase.invoiceDate().getHour()).isBetween(7, 19);
            assertThat(purchase.invoiceNumber()).matches("C?\\d{6,}");
            assertThat(purchase.unitPrice().scale()).isEqualTo(2);
            purchase.customerId().ifPresent(id -> assertThat(id).isBetween(CustomerGenerator.FIRST_CUSTOMER_ID, CustomerGenerator.FIRST_CUSTOMER_ID + 599));
        });
        assertThat(purchases).filteredOn(Purchase::cancellation).isNotEmpty().allSatisfy(purchase -> assertThat(purchase.quantity()).isNegative());
        assertThat(purchases).filteredOn(purchase -> !purchase.cancellation()).allSatisfy(purchase -> assertThat(purchase.quantity()).isPositive());
        assertThat(purchases).filteredOn(purchase -> purchase.customerId().isEmpty()).hasSizeBetween(purchases.size() / 8, purchases.size() / 2);
        assertThat(purchases).filteredOn(purchase -> purchase.quantity() > 2).hasSizeBetween(purchases.size() / 3, purchases.size() * 9 / 10);
        assertThat(purchases).anySatisfy(purchase -> assertThat(purchase.unitPrice()).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(purchases).extracting(Purchase::stockCode).contains("POST");
        assertThat(purchases).extracting(Purchase::country).contains("United Kingdom").hasSizeGreaterThan(1);
        assertThat(purchases).extracting(Purchase::description).anySatisfy(description -> assertThat(description).matches(".*[ÈËÂÉ].*"));
        assertThat(purchases).extracting(Purchase::description).anySatisfy(description -> assertThat(description).contains(","));
    }

    @Test
    void testInvoiceNumbersIncreaseFromDayToDay()
    {
        long lastOfFirstDay = invoiceNumber(generator.purchases(DS).getLast());
        long firstOfNextDay = invoiceNumber(generator.purchases(DS.plusDays(1)).getFirst());

        assertThat(firstOfNextDay).isGreaterThan(lastOfFirstDay);
    }

    @Test
    void testExportIsLatin1CsvWithTheUciHeaderAndFormats()
    {
        LandingFile file = generator.landingFile(DS);
        byte[] content = bytes(file);
        List<List<String>> records = CsvRecords.parse(new String(content, ISO_8859_1));

        assertThat(file.key()).isEqualTo("online_retail/ds=2024-01-01/online_retail.csv");
        assertThat(records.getFirst()).containsExactly("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country");
        assertThat(records).hasSize(generator.purchases(DS).size() + 1).allSatisfy(record -> assertThat(record).hasSize(8));
        assertThat(records.get(1).get(4)).matches("1/1/2024 \\d{1,2}:\\d{2}");
        assertThat(records).anySatisfy(record -> assertThat(record.get(6)).isEmpty());
        // one byte per accented character: not UTF-8
        assertThat(new String(content, ISO_8859_1)).matches("(?s).*[ÈËÂÉ].*");
        assertThat(new String(content, UTF_8)).contains("\uFFFD");
    }

    private static long invoiceNumber(Purchase purchase)
    {
        return Long.parseLong(purchase.invoiceNumber().replace("C", ""));
    }

    private static OnlineRetailGenerator generator(long seed)
    {
        return new OnlineRetailGenerator(seed, SCALE, new CustomerGenerator(seed, SCALE));
    }
}
