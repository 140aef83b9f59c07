package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.util.Objects.requireNonNull;

/**
 * Purchases shaped like the UCI Online Retail data set (a UK gift shop's invoices) that the seed loads into its OLTP
 * database: upper-case Latin-1 product descriptions, cancellations (invoice numbers with a {@code C} prefix and
 * negative quantities), lines without a customer id, postage and manual adjustment lines, prices with pence.
 */
public final class OnlineRetailGenerator
{
    public static final String DATASET = "online_retail";
    public static final String FILE_NAME = "online_retail.csv";
    public static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    private static final int INVOICES_PER_DAY_AT_SCALE_ONE = 2_500;
    private static final int MIN_INVOICES_PER_DAY = 15;
    private static final int PRODUCTS_AT_SCALE_ONE = 4_000;
    private static final int MIN_PRODUCTS = 300;
    // the UCI file's date format, month first: 12/1/2010 8:26
    private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");

    private static final List<String> ADJECTIVES = ImmutableList.of(
            "WHITE", "RED", "PINK", "BLUE", "VINTAGE", "REGENCY", "JUMBO", "SET OF 3", "SMALL", "LARGE", "RETRO", "HANGING",
            "FRENCH", "SCANDINAVIAN", "ENAMEL", "GLASS", "WOODEN", "PAPER", "HEART OF", "CRÈME", "NOËL", "PÂTISSERIE");
    private static final List<String> PATTERNS = ImmutableList.of(
            "RETROSPOT", "POLKADOT", "PAISLEY", "SPACEBOY", "DOLLY GIRL", "LOVE BIRD", "STRAWBERRY", "CHERRY", "ROSE", "BIRD", "CAFÉ");
    private static final List<String> ITEMS = ImmutableList.of(
            "T-LIGHT HOLDER", "CAKESTAND 3 TIER", "LUNCH BAG", "JUMBO BAG", "ALARM CLOCK", "DOORMAT", "TEA CUP AND SAUCER",
            "CAKE TINS", "PARTY BUNTING", "CHILDRENS APRON", "GIFT WRAP", "NAPKINS", "HOT WATER BOTTLE", "MUG", "CUSHION COVER",
            "PHOTO FRAME", "NOTEBOOK", "MEMO BOARD", "JAM MAKING SET", "BAKING SET", "SPECTACLE CASE", "PURSE", "LANTERN");
    private static final WeightedChoice<Integer> QUANTITIES = WeightedChoice.of(
            1, 18, 2, 16, 3, 10, 4, 9, 6, 14, 8, 4, 10, 5, 12, 18, 24, 8, 36, 2, 48, 3, 72, 1, 96, 1, 144, 0.5);

    private record Product(String stockCode, String description, BigDecimal unitPrice) {}

    private final long seed;
    private final int invoicesPerDay;
    private final List<Product> products;
    private final CustomerGenerator customers;

    public OnlineRetailGenerator(long seed, ScaleFactor scale, CustomerGenerator customers)
    {
        requireNonNull(scale, "scale is null");
        this.seed = seed;
        this.customers = requireNonNull(customers, "customers is null");
        this.invoicesPerDay = scale.count(INVOICES_PER_DAY_AT_SCALE_ONE, MIN_INVOICES_PER_DAY);
        int productCount = scale.count(PRODUCTS_AT_SCALE_ONE, MIN_PRODUCTS);
        ImmutableList.Builder<Product> products = ImmutableList.builderWithExpectedSize(productCount);
        for (int number = 0; number < productCount; number++) {
            products.add(product(number));
        }
        this.products = products.build();
    }

    /**
     * The invoice lines of {@code ds}, in invoice order. Invoice numbers increase from day to day.
     */
    public List<Purchase> purchases(LocalDate ds)
    {
        SplittableRandom random = RandomStreams.stream(seed, 10, ds.toEpochDay());
        List<Purchase> purchases = new ArrayList<>();
        long firstInvoice = 100_000 + ds.toEpochDay() * invoicesPerDay;
        for (int invoice = 0; invoice < invoicesPerDay; invoice++) {
            // the shop invoices from 7:00 to 20:00, in number order
            LocalDateTime time = ds.atTime(7, 0).plusMinutes((long) invoice * 13 * 60 / invoicesPerDay);
            // about one invoice in seven of the UCI data is cancelled; it has few lines
            boolean cancellation = percent(random, 12);
            OptionalInt customer = percent(random, 25) ? OptionalInt.empty() : OptionalInt.of(customers.pickActive(random));
            String country = customer.isPresent() ? customers.customer(customer.getAsInt()).country() : percent(random, 95) ? "United Kingdom" : "Unspecified";
            String number = (cancellation ? "C" : "") + (firstInvoice + invoice);
            int lines = cancellation ? random.nextInt(1, 4) : 1 + RandomStreams.skewed(random, 60, 1.6);
            for (int line = 0; line < lines; line++) {
                Product product = pick(random, products);
                int quantity = QUANTITIES.pick(random);
                BigDecimal price = percent(random, 0.5) ? BigDecimal.ZERO.setScale(2) : product.unitPrice();
                purchases.add(new Purchase(number, product.stockCode(), product.description(), cancellation ? -quantity : quantity, time, price, customer, country));
            }
            if (cancellation && percent(random, 20)) {
                purchases.add(new Purchase(number, "D", "Discount", -1, time, BigDecimal.valueOf(random.nextInt(100, 5000), 2), customer, country));
            }
            else if (!cancellation && !country.equals("United Kingdom") && percent(random, 60)) {
                purchases.add(new Purchase(number, "POST", "POSTAGE", random.nextInt(1, 4), time, new BigDecimal("18.00"), customer, country));
            }
            else if (!cancellation && percent(random, 0.5)) {
                purchases.add(new Purchase(number, "M", "Manual", 1, time, BigDecimal.valueOf(random.nextInt(10, 30000), 2), customer, country));
            }
        }
        return purchases;
    }

    /**
     * The day's purchases as the shop exports them: CSV in ISO-8859-1 with the UCI file's header and formats.
     */
    public LandingFile landingFile(LocalDate ds)
    {
        requireNonNull(ds, "ds is null");
        return new LandingFile(DATASET, ds, FILE_NAME, output -> TextFiles.plain(output, ISO_8859_1, writer -> write(purchases(ds), writer)));
    }

    static long write(List<Purchase> purchases, Writer writer)
            throws IOException
    {
        writer.write(HEADER);
        writer.write('\n');
        for (Purchase purchase : purchases) {
            writer.write(line(purchase));
            writer.write('\n');
        }
        return purchases.size();
    }

    static String line(Purchase purchase)
    {
        return String.join(",",
                purchase.invoiceNumber(),
                purchase.stockCode(),
                Csv.quoted(purchase.description()),
                String.valueOf(purchase.quantity()),
                INVOICE_DATE.format(purchase.invoiceDate()),
                purchase.unitPrice().toPlainString(),
                purchase.customerId().isPresent() ? String.valueOf(purchase.customerId().getAsInt()) : "",
                Csv.quoted(purchase.country()));
    }

    private Product product(int number)
    {
        SplittableRandom random = RandomStreams.stream(seed, 21, number);
        String stockCode = String.valueOf(10_002 + number * 23 % 89_000) + (percent(random, 20) ? String.valueOf((char) ('A' + random.nextInt(7))) : "");
        String description = switch (random.nextInt(5)) {
            case 0 -> "%s %s %s".formatted(pick(random, ADJECTIVES), pick(random, PATTERNS), pick(random, ITEMS));
            case 1 -> "%s %s".formatted(pick(random, PATTERNS), pick(random, ITEMS));
            // a few descriptions have commas, which the CSV export quotes
            case 2 -> "%s, %s".formatted(pick(random, ITEMS), pick(random, PATTERNS));
            default -> "%s %s".formatted(pick(random, ADJECTIVES), pick(random, ITEMS));
        };
        BigDecimal unitPrice = BigDecimal.valueOf(Math.exp(RandomStreams.gaussian(random, 1.0, 0.8))).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.06"));
        return new Product(stockCode, description, unitPrice);
    }
}
