package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Generates IMDb-shaped title rows. Like IMDb's daily dumps, the file of each day is a full snapshot: title
 * {@code tt0000042} is the same on every day (its fields depend only on the seed and its number), and the
 * catalog grows by a few titles a day. The same seed and date always give the same rows.
 */
public final class TitleBasicsGenerator
{
    public static final long DEFAULT_SEED = 1894L;

    private static final LocalDate CATALOG_START = LocalDate.of(2024, 1, 1);
    private static final int TITLES_AT_START = 300;
    private static final int TITLES_PER_DAY = 2;
    private static final int MIN_TITLES = 100;
    private static final int MAX_TITLES = 999;

    private static final List<String> TITLE_TYPES = ImmutableList.of(
            "movie", "movie", "movie", "movie", "movie", "movie",
            "short", "short", "short",
            "tvEpisode", "tvEpisode", "tvEpisode", "tvEpisode", "tvEpisode",
            "tvSeries", "tvSeries",
            "tvMovie", "video", "tvMiniSeries", "videoGame", "tvSpecial");
    private static final List<String> GENRES = ImmutableList.of(
            "Action", "Adult", "Adventure", "Animation", "Biography", "Comedy", "Crime", "Documentary", "Drama",
            "Family", "Fantasy", "Film-Noir", "Game-Show", "History", "Horror", "Music", "Musical", "Mystery", "News",
            "Reality-TV", "Romance", "Sci-Fi", "Short", "Sport", "Talk-Show", "Thriller", "War", "Western");
    private static final List<String> ADJECTIVES = ImmutableList.of(
            "Silent", "Last", "Crimson", "Hidden", "Broken", "Golden", "Endless", "Forgotten", "Wild", "Distant",
            "Midnight", "Electric", "Lonely", "Burning", "Frozen", "Secret");
    private static final List<String> NOUNS = ImmutableList.of(
            "River", "Empire", "Promise", "Garden", "Frontier", "Harbor", "Symphony", "Witness", "Horizon", "Machine",
            "Kingdom", "Letter", "Station", "Shadow", "Voyage", "Summer");
    private static final List<String> OWNERS = ImmutableList.of("Ocean's", "Nobody's", "Rosemary's", "The Captain's", "Heaven's");
    private static final List<String> FOREIGN_TITLES = ImmutableList.of(
            "La nuit américaine", "Der Himmel über Berlin", "Ladri di biciclette", "El laberinto del fauno",
            "Le salaire de la peur", "Das Boot", "La dolce vita", "Cría cuervos", "Les quatre cents coups", "Sommarlek");

    private final long seed;

    public TitleBasicsGenerator(long seed)
    {
        this.seed = seed;
    }

    /**
     * The titles in the snapshot of {@code ds}, ordered by id.
     */
    public List<TitleBasics> generate(LocalDate ds)
    {
        int count = titleCount(ds);
        ImmutableList.Builder<TitleBasics> titles = ImmutableList.builderWithExpectedSize(count);
        for (int number = 1; number <= count; number++) {
            titles.add(title(number));
        }
        return titles.build();
    }

    static int titleCount(LocalDate ds)
    {
        long days = ChronoUnit.DAYS.between(CATALOG_START, ds);
        return (int) Math.clamp(TITLES_AT_START + days * TITLES_PER_DAY, MIN_TITLES, MAX_TITLES);
    }

    private TitleBasics title(int number)
    {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + number);
        String titleType = pick(random, TITLE_TYPES);
        String primaryTitle = primaryTitle(random);
        String originalTitle = random.nextInt(100) < 85 ? primaryTitle : pick(random, FOREIGN_TITLES);
        boolean adult = random.nextInt(100) < 2;
        OptionalInt startYear = random.nextInt(100) < 5 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(1894, 2025));
        return new TitleBasics(
                "tt%07d".formatted(number),
                titleType,
                primaryTitle,
                originalTitle,
                adult,
                startYear,
                endYear(random, titleType, startYear),
                runtimeMinutes(random, titleType),
                genres(random));
    }

    private static String primaryTitle(SplittableRandom random)
    {
        return switch (random.nextInt(4)) {
            case 0 -> "The %s %s".formatted(pick(random, ADJECTIVES), pick(random, NOUNS));
            case 1 -> "%s %s".formatted(pick(random, OWNERS), pick(random, NOUNS));
            case 2 -> "%s of the %s %s".formatted(pick(random, NOUNS), pick(random, ADJECTIVES), pick(random, NOUNS));
            default -> "%s %s".formatted(pick(random, ADJECTIVES), pick(random, NOUNS));
        };
    }

    private static OptionalInt endYear(SplittableRandom random, String titleType, OptionalInt startYear)
    {
        boolean series = titleType.equals("tvSeries") || titleType.equals("tvMiniSeries");
        if (!series || startYear.isEmpty() || random.nextBoolean()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.min(startYear.getAsInt() + random.nextInt(1, 11), 2025));
    }

    private static OptionalInt runtimeMinutes(SplittableRandom random, String titleType)
    {
        if (random.nextInt(100) < 20) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(switch (titleType) {
            case "short" -> random.nextInt(1, 41);
            case "movie", "tvMovie" -> random.nextInt(60, 201);
            case "tvEpisode" -> random.nextInt(20, 61);
            default -> random.nextInt(20, 151);
        });
    }

    private static List<String> genres(SplittableRandom random)
    {
        if (random.nextInt(100) < 5) {
            return ImmutableList.of();
        }
        int count = random.nextInt(1, 4);
        // IMDb lists a title's genres in alphabetical order
        TreeSet<String> genres = new TreeSet<>();
        while (genres.size() < count) {
            genres.add(pick(random, GENRES));
        }
        return ImmutableList.copyOf(genres);
    }

    private static <T> T pick(SplittableRandom random, List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
