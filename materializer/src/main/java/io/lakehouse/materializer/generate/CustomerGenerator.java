package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;
import static java.util.Objects.requireNonNull;

/**
 * The shop's customers, numbered from 12346 as in the UCI Online Retail data set. Most live in the United Kingdom;
 * a few are very active, most buy and review rarely.
 */
public final class CustomerGenerator
{
    public static final int FIRST_CUSTOMER_ID = 12346;

    private static final int CUSTOMERS_AT_SCALE_ONE = 30_000;
    private static final int MIN_CUSTOMERS = 100;
    // how strongly activity concentrates on the first customers: the same customers buy and review
    private static final double ACTIVITY_SKEW = 2.0;

    private record Place(String country, String city, String postalCode, String phonePrefix) {}

    private static final WeightedChoice<List<Place>> PLACES = WeightedChoice.of(
            ImmutableList.of(
                    new Place("United Kingdom", "London", "SW1A 1AA", "+44 20"),
                    new Place("United Kingdom", "London", "E1 6AN", "+44 20"),
                    new Place("United Kingdom", "Manchester", "M1 1AE", "+44 161"),
                    new Place("United Kingdom", "Bristol", "BS1 4DJ", "+44 117"),
                    new Place("United Kingdom", "Leeds", "LS1 4AP", "+44 113"),
                    new Place("United Kingdom", "Glasgow", "G1 1XQ", "+44 141")), 85,
            ImmutableList.of(new Place("Germany", "Berlin", "10115", "+49 30"), new Place("Germany", "Dresden", "01067", "+49 351"), new Place("Germany", "München", "80331", "+49 89")), 3,
            ImmutableList.of(new Place("France", "Paris", "75001", "+33 1"), new Place("France", "Lyon", "69001", "+33 4")), 3,
            ImmutableList.of(new Place("EIRE", "Dublin", "D02 X285", "+353 1")), 2,
            ImmutableList.of(new Place("Spain", "Barcelona", "08001", "+34 93"), new Place("Spain", "Madrid", "28001", "+34 91")), 1,
            ImmutableList.of(new Place("Netherlands", "Amsterdam", "1012 AB", "+31 20")), 1,
            ImmutableList.of(new Place("Belgium", "Bruxelles", "1000", "+32 2")), 1,
            ImmutableList.of(new Place("Switzerland", "Zürich", "8001", "+41 44"), new Place("Switzerland", "Genève", "1201", "+41 22")), 1,
            ImmutableList.of(new Place("Portugal", "Lisboa", "1100-148", "+351 21")), 0.8,
            ImmutableList.of(new Place("Australia", "Sydney", "2000", "+61 2")), 0.6,
            ImmutableList.of(new Place("Norway", "Oslo", "0150", "+47 22")), 0.5,
            ImmutableList.of(new Place("Italy", "Roma", "00118", "+39 06")), 0.5,
            ImmutableList.of(new Place("Channel Islands", "St Helier", "JE2 3QR", "+44 1534")), 0.4,
            ImmutableList.of(new Place("Japan", "Tokyo", "100-0001", "+81 3")), 0.2);
    private static final List<String> FIRST_NAMES = ImmutableList.of(
            "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Emily", "Zoë", "Chloé",
            "Siobhán", "Seán", "Jürgen", "Anaïs", "Inés", "João", "Ingrid", "Luca", "Yuki", "Priya", "Fatima", "Tomás");
    private static final List<String> LAST_NAMES = ImmutableList.of(
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "O'Neill", "MacDonald",
            "Müller", "Dubois", "García", "Rossi", "Jensen", "Nakamura", "Okafor", "Patel", "Ní Bhriain", "Lefèvre");
    private static final List<String> STREETS = ImmutableList.of(
            "High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Avenue", "Queen Street", "King's Road");
    private static final List<String> MAIL_DOMAINS = ImmutableList.of("example.com", "example.co.uk", "example.org", "example.net");

    private final long seed;
    private final int count;

    public CustomerGenerator(long seed, ScaleFactor scale)
    {
        requireNonNull(scale, "scale is null");
        this.seed = seed;
        this.count = scale.count(CUSTOMERS_AT_SCALE_ONE, MIN_CUSTOMERS);
    }

    public int count()
    {
        return count;
    }

    public int lastCustomerId()
    {
        return FIRST_CUSTOMER_ID + count - 1;
    }

    /**
     * A customer id for an activity (a purchase, a review), the first customers being the most active.
     */
    int pickActive(SplittableRandom random)
    {
        return FIRST_CUSTOMER_ID + RandomStreams.skewed(random, count, ACTIVITY_SKEW);
    }

    public Customer customer(int id)
    {
        SplittableRandom random = RandomStreams.stream(seed, 20, id);
        Place place = pick(random, PLACES.pick(random));
        String firstName = pick(random, FIRST_NAMES);
        String lastName = pick(random, LAST_NAMES);
        String email = "%s.%s%s@%s".formatted(mailName(firstName), mailName(lastName), random.nextInt(100), pick(random, MAIL_DOMAINS));
        Optional<String> phone = percent(random, 80)
                ? Optional.of("%s %s %04d".formatted(place.phonePrefix(), 500 + random.nextInt(500), random.nextInt(10_000)))
                : Optional.empty();
        String street = "%s %s".formatted(random.nextInt(1, 200), pick(random, STREETS));
        LocalDate memberSince = LocalDate.of(2009, 1, 1).plusDays(random.nextInt(15 * 365));
        return new Customer(id, firstName, lastName, email, phone, street, place.city(), place.postalCode(), place.country(), memberSince);
    }

    private static String mailName(String name)
    {
        // e-mail addresses are ASCII: Zoë O'Neill is zoe.oneill
        return Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ENGLISH);
    }
}
