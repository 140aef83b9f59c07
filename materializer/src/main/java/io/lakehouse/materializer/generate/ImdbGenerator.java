package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.gaussian;
import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;
import static java.util.Objects.requireNonNull;

/**
 * The five IMDb files of a daily snapshot, consistent with each other: every {@code nconst} in the crew and
 * principals is a person of {@code name.basics}, every rated or credited {@code tconst} a title of
 * {@code title.basics}. Like IMDb's dumps, each day is a full snapshot of a catalog that grows a little every day
 * from {@link #CATALOG_START}; ratings gain votes as days go by. A title credits people of the era of its year, so
 * careers last a few decades and people are born before their first credit.
 */
public final class ImdbGenerator
{
    public static final LocalDate CATALOG_START = LocalDate.of(2024, 1, 1);

    // 2.1 million titles make 1 GB of uncompressed TSV over the five files, principals being more than half of it
    private static final int TITLES_AT_SCALE_ONE = 2_100_000;
    private static final int MIN_TITLES = 100;
    // IMDb's catalog has about 1.25 people per title
    private static final double PEOPLE_PER_TITLE = 1.25;
    // and grows by about 0.05% a day
    private static final double DAILY_GROWTH = 0.0005;
    private static final int MAX_VOTES = 3_000_000;

    private static final List<String> DOCUMENTARY_GENRES = ImmutableList.of("Documentary", "Talk-Show", "Reality-TV", "News", "Game-Show");
    private static final WeightedChoice<String> WRITER_JOBS = WeightedChoice.of("", 40, "screenplay", 25, "written by", 15, "story", 10, "novel", 6, "play", 2, "characters", 2);
    private static final WeightedChoice<String> PRODUCER_JOBS = WeightedChoice.of("producer", 60, "executive producer", 25, "line producer", 10, "co-producer", 5);
    private static final List<String> SELF_CHARACTERS = ImmutableList.of("Self", "Self", "Self", "Self - Host", "Self - Guest", "Narrator");
    private static final List<String> CHARACTER_TITLES = ImmutableList.of("", "", "", "Detective ", "Dr. ", "Captain ", "Mrs. ", "Young ", "Agent ", "Professor ", "Sister ", "Uncle ");
    private static final List<String> CHARACTER_NAMES = ImmutableList.of(
            "Anna", "Jack", "Rosa", "Tom", "Eleanor", "Sam", "Marguerite", "Leo", "Ines", "Victor", "Hana", "Felix",
            "O'Hara", "Walsh", "Moreau", "Kowalski", "Tanaka", "Silva", "Blake", "Novak", "Bishop", "Quinn");
    private static final List<String> EXTRAS = ImmutableList.of("Narrator", "Bartender", "Nurse", "Police Officer", "Waitress", "Reporter", "Guard", "Driver");

    private final long seed;
    private final int titlesAtStart;
    private final int titlesPerDay;
    private final int peopleAtStart;
    private final TitleBasicsGenerator titles;
    private final NameBasicsGenerator people;

    public ImdbGenerator(long seed, ScaleFactor scale)
    {
        requireNonNull(scale, "scale is null");
        this.seed = seed;
        this.titlesAtStart = scale.count(TITLES_AT_SCALE_ONE, MIN_TITLES);
        this.titlesPerDay = (int) Math.max(1, Math.round(titlesAtStart * DAILY_GROWTH));
        this.peopleAtStart = (int) Math.round(titlesAtStart * PEOPLE_PER_TITLE);
        this.titles = new TitleBasicsGenerator(seed);
        this.people = new NameBasicsGenerator(seed);
    }

    /**
     * How many titles the snapshot of {@code ds} has; days before {@link #CATALOG_START} have the first snapshot.
     */
    public int titleCount(LocalDate ds)
    {
        long days = Math.max(0, ChronoUnit.DAYS.between(CATALOG_START, ds));
        return Math.toIntExact(Math.min(titlesAtStart + days * titlesPerDay, Integer.MAX_VALUE / 2));
    }

    public int personCount(LocalDate ds)
    {
        return peoplePool(titleCount(ds));
    }

    public TitleBasics title(int number)
    {
        return titles.title(number);
    }

    /**
     * Person {@code nm<number>}; known for titles that existed when they joined the catalog.
     */
    public NameBasics person(int number)
    {
        return people.person(number, Math.max(titlesAtStart, (int) (number / PEOPLE_PER_TITLE)), CreditRole.careerYear(number, peopleAtStart));
    }

    /**
     * The rating of a title in the snapshot of {@code ds}, if it has one: most unreleased titles, episodes and
     * shorts have none.
     */
    public Optional<TitleRating> rating(int number, LocalDate ds)
    {
        TitleBasics title = title(number);
        SplittableRandom random = RandomStreams.stream(seed, 3, number);
        double ratedPercent = switch (title.titleType()) {
            case "movie" -> 60;
            case "tvSeries", "tvMiniSeries" -> 50;
            case "tvMovie" -> 40;
            case "videoGame" -> 30;
            case "video", "tvSpecial" -> 25;
            case "short" -> 18;
            default -> 10;
        };
        if (title.startYear().isEmpty() || !percent(random, ratedPercent)) {
            return Optional.empty();
        }
        BigDecimal averageRating = BigDecimal.valueOf(Math.clamp(gaussian(random, 6.3, 1.25), 1.0, 10.0)).setScale(1, RoundingMode.HALF_UP);
        double logVotes = gaussian(random, title.titleType().equals("movie") ? 5.2 : 3.4, 1.9);
        long baseVotes = Math.min(MAX_VOTES, 5 + (long) Math.exp(Math.max(0, logVotes)));
        // votes keep coming in: about 5% more a year, and a few a day for every title
        long days = Math.max(0, ChronoUnit.DAYS.between(CATALOG_START, ds));
        long votes = Math.min(MAX_VOTES, baseVotes + Math.round(baseVotes * 0.05 * days / 365) + days * random.nextInt(3));
        return Optional.of(new TitleRating(title.tconst(), averageRating, votes));
    }

    public TitleCrew crew(int number)
    {
        TitleBasics title = title(number);
        SplittableRandom random = RandomStreams.stream(seed, 4, number);
        int pool = peoplePool(number);
        OptionalInt era = era(title);
        double noDirectorPercent = switch (title.titleType()) {
            case "tvSeries", "tvMiniSeries" -> 60;
            case "tvEpisode" -> 30;
            default -> 6;
        };
        List<String> directors = percent(random, noDirectorPercent)
                ? ImmutableList.of()
                : people(random, CreditRole.DIRECTOR, pool, era, percent(random, 86) ? 1 : percent(random, 80) ? 2 : 3, 2.0);
        List<String> writers = percent(random, 22)
                ? ImmutableList.of()
                : people(random, CreditRole.WRITER, pool, era, 1 + RandomStreams.skewed(random, 4, 2.5), 2.0);
        return new TitleCrew(title.tconst(), directors, writers);
    }

    /**
     * The title's principal credits in billing order: the cast, then some of the crew, the first director and
     * writer being those of {@link #crew}.
     */
    public List<TitlePrincipal> principals(int number)
    {
        TitleBasics title = title(number);
        TitleCrew crew = crew(number);
        SplittableRandom random = RandomStreams.stream(seed, 5, number);
        int pool = peoplePool(number);
        OptionalInt era = era(title);
        int size = switch (title.titleType()) {
            case "movie" -> random.nextInt(6, 11);
            case "tvMovie", "tvSeries", "tvMiniSeries" -> random.nextInt(4, 11);
            case "tvEpisode", "videoGame" -> random.nextInt(2, 9);
            case "short", "tvShort" -> random.nextInt(1, 6);
            default -> random.nextInt(2, 7);
        };
        boolean documentary = title.genres().stream().anyMatch(DOCUMENTARY_GENRES::contains);

        List<CreditRole> crewRoles = new ArrayList<>();
        if (!crew.directors().isEmpty()) {
            crewRoles.add(CreditRole.DIRECTOR);
        }
        if (!crew.writers().isEmpty() && percent(random, 70)) {
            crewRoles.add(CreditRole.WRITER);
        }
        for (CreditRole role : ImmutableList.of(CreditRole.PRODUCER, CreditRole.COMPOSER, CreditRole.CINEMATOGRAPHER, CreditRole.EDITOR)) {
            if (percent(random, 35)) {
                crewRoles.add(role);
            }
        }
        int castSize = Math.max(1, size - crewRoles.size());

        Set<String> credited = new HashSet<>();
        ImmutableList.Builder<TitlePrincipal> principals = ImmutableList.builder();
        int ordering = 0;
        for (int i = 0; i < castSize; i++) {
            CreditRole role = documentary ? CreditRole.SELF : percent(random, 55) ? CreditRole.ACTOR : CreditRole.ACTRESS;
            Optional<String> nconst = distinctPerson(random, role, pool, era, credited, 2.5);
            List<String> characters = role == CreditRole.SELF ? ImmutableList.of(pick(random, SELF_CHARACTERS)) : characters(random);
            if (nconst.isPresent()) {
                principals.add(new TitlePrincipal(title.tconst(), ++ordering, nconst.get(), role.category(), Optional.empty(), characters));
            }
        }
        for (CreditRole role : crewRoles) {
            Optional<String> person = switch (role) {
                case DIRECTOR -> Optional.of(crew.directors().getFirst());
                case WRITER -> Optional.of(crew.writers().getFirst());
                default -> distinctPerson(random, role, pool, era, credited, 2.5);
            };
            if (person.isEmpty()) {
                continue;
            }
            String nconst = person.get();
            Optional<String> job = switch (role) {
                case WRITER -> Optional.of(WRITER_JOBS.pick(random)).filter(value -> !value.isEmpty());
                case PRODUCER -> Optional.of(PRODUCER_JOBS.pick(random));
                case CINEMATOGRAPHER -> Optional.of("director of photography");
                default -> Optional.empty();
            };
            principals.add(new TitlePrincipal(title.tconst(), ++ordering, nconst, role.category(), job, ImmutableList.of()));
        }
        return principals.build();
    }

    /**
     * The people titles {@code 1..titleNumber} can credit; the catalog's people grow with its titles.
     */
    private int peoplePool(int titleNumber)
    {
        return Math.max(peopleAtStart, (int) Math.ceil(titleNumber * PEOPLE_PER_TITLE));
    }

    private static OptionalInt era(TitleBasics title)
    {
        return title.startYear().isPresent() ? OptionalInt.of(CreditRole.eraOf(title.startYear().getAsInt())) : OptionalInt.empty();
    }

    private static List<String> people(SplittableRandom random, CreditRole role, int pool, OptionalInt era, int count, double skew)
    {
        Set<String> chosen = new HashSet<>();
        List<String> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            distinctPerson(random, role, pool, era, chosen, skew).ifPresent(people::add);
        }
        return people;
    }

    /**
     * Someone of the role not credited yet on this title. The most credited people are often drawn twice for one
     * title; a few uniform draws find someone else, and in a tiny catalog there may be nobody else.
     */
    private static Optional<String> distinctPerson(SplittableRandom random, CreditRole role, int pool, OptionalInt era, Set<String> credited, double skew)
    {
        String nconst = NameBasicsGenerator.nconst(role.pickPerson(random, pool, skew, era));
        for (int attempt = 0; attempt < 8 && credited.contains(nconst); attempt++) {
            nconst = NameBasicsGenerator.nconst(role.pickPerson(random, pool, 1.0, era));
        }
        if (!credited.add(nconst)) {
            return Optional.empty();
        }
        return Optional.of(nconst);
    }

    private static List<String> characters(SplittableRandom random)
    {
        if (percent(random, 8)) {
            return ImmutableList.of();
        }
        if (percent(random, 10)) {
            return ImmutableList.of(pick(random, EXTRAS));
        }
        String character = pick(random, CHARACTER_TITLES) + pick(random, CHARACTER_NAMES);
        if (percent(random, 4)) {
            return ImmutableList.of(character, pick(random, CHARACTER_TITLES) + pick(random, CHARACTER_NAMES));
        }
        return ImmutableList.of(character);
    }
}
