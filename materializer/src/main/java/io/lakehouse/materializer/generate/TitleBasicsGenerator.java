package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.lakehouse.materializer.generate.RandomStreams.gaussian;
import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;

/**
 * Generates IMDb-shaped titles. A title's fields depend only on the seed and its number, so {@code tt0000042} is the
 * same in every daily snapshot and in every file that refers to it.
 */
public final class TitleBasicsGenerator
{
    public static final long DEFAULT_SEED = 1894L;

    static final int FIRST_YEAR = 1894;
    static final int LATEST_YEAR = 2024;

    // IMDb's mix, with fewer episodes and more feature films than the real catalog so small samples stay interesting
    private static final WeightedChoice<String> TITLE_TYPES = WeightedChoice.of(
            "tvEpisode", 52, "movie", 19, "short", 10, "tvSeries", 5, "video", 4, "tvMovie", 3.5,
            "tvMiniSeries", 1.5, "videoGame", 1.5, "tvSpecial", 1.5, "tvShort", 1, "tvPilot", 0.2);
    private static final WeightedChoice<String> GENRES = WeightedChoice.of(
            "Drama", 26, "Comedy", 18, "Documentary", 9, "Action", 8, "Romance", 7, "Crime", 7, "Thriller", 6,
            "Horror", 5, "Adventure", 5, "Family", 5, "Animation", 4, "Mystery", 4, "Music", 3, "Fantasy", 3,
            "Biography", 3, "History", 3, "Sci-Fi", 3, "Reality-TV", 2.5, "Talk-Show", 2, "Sport", 2, "Musical", 1.5,
            "War", 1.5, "Western", 1.5, "News", 1.5, "Game-Show", 1, "Film-Noir", 0.3);
    private static final List<String> ADJECTIVES = ImmutableList.of(
            "Silent", "Last", "Crimson", "Hidden", "Broken", "Golden", "Endless", "Forgotten", "Wild", "Distant",
            "Midnight", "Electric", "Lonely", "Burning", "Frozen", "Secret", "Savage", "Velvet", "Restless", "Bitter",
            "Invisible", "Northern", "Quiet", "Scarlet", "Second", "Stolen", "Sweet", "Twisted", "Wicked", "Hollow");
    private static final List<String> NOUNS = ImmutableList.of(
            "River", "Empire", "Promise", "Garden", "Frontier", "Harbor", "Symphony", "Witness", "Horizon", "Machine",
            "Kingdom", "Letter", "Station", "Shadow", "Voyage", "Summer", "Island", "Highway", "Mirror", "Orchard",
            "Detective", "Widow", "Stranger", "Circus", "Lighthouse", "Verdict", "Ballad", "Hunter", "Country", "Winter");
    private static final List<String> OWNERS = ImmutableList.of("Ocean's", "Nobody's", "Rosemary's", "The Captain's", "Heaven's", "Devil's", "Mother's");
    private static final List<String> FOREIGN_TITLES = ImmutableList.of(
            "La nuit américaine", "Der Himmel über Berlin", "Ladri di biciclette", "El laberinto del fauno",
            "Le salaire de la peur", "Das Boot", "La dolce vita", "Cría cuervos", "Les quatre cents coups", "Sommarlek",
            "Det sjunde inseglet", "Øyenstikker", "Łódź nocą", "Mon oncle", "Amélie", "Smultronstället");
    private static final List<String> MONTHS = ImmutableList.of(
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December");

    private final long seed;

    public TitleBasicsGenerator(long seed)
    {
        this.seed = seed;
    }

    public static String tconst(int number)
    {
        return RandomStreams.paddedId("tt", number);
    }

    /**
     * Title {@code tt<number>}.
     */
    public TitleBasics title(int number)
    {
        SplittableRandom random = RandomStreams.stream(seed, 1, number);
        String titleType = TITLE_TYPES.pick(random);
        OptionalInt startYear = percent(random, 5) ? OptionalInt.empty() : OptionalInt.of(startYear(random));
        String primaryTitle = titleType.equals("tvEpisode") && random.nextBoolean()
                ? episodeTitle(random, startYear)
                : withStrayQuotes(random, primaryTitle(random));
        String originalTitle = percent(random, 85) ? primaryTitle : pick(random, FOREIGN_TITLES);
        boolean adult = percent(random, 2);
        return new TitleBasics(
                tconst(number),
                titleType,
                primaryTitle,
                originalTitle,
                adult,
                startYear,
                endYear(random, titleType, startYear),
                runtimeMinutes(random, titleType),
                genres(random, titleType));
    }

    private static int startYear(SplittableRandom random)
    {
        // most of the catalog is recent: a quarter of a century of streaming and television
        if (percent(random, 80)) {
            return LATEST_YEAR - (int) Math.abs(gaussian(random, 0, 14)) % 60;
        }
        return random.nextInt(FIRST_YEAR, 1980);
    }

    private static String primaryTitle(SplittableRandom random)
    {
        return switch (random.nextInt(5)) {
            // concatenation, not String.format: millions of titles at scale factor 1
            case 0 -> "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
            case 1 -> pick(random, OWNERS) + " " + pick(random, NOUNS);
            case 2 -> pick(random, NOUNS) + " of the " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
            case 3 -> pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + " " + random.nextInt(2, 5);
            default -> pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
        };
    }

    private static String episodeTitle(SplittableRandom random, OptionalInt year)
    {
        if (year.isPresent() && random.nextBoolean()) {
            return "Episode dated " + random.nextInt(1, 29) + " " + pick(random, MONTHS) + " " + year.getAsInt();
        }
        return "Episode #" + random.nextInt(1, 12) + "." + random.nextInt(1, 25);
    }

    /**
     * IMDb's files are not quoted, and a few titles carry double quotes that a CSV reader would take for quoting:
     * an unbalanced one at the start, or a quoted word inside.
     */
    private static String withStrayQuotes(SplittableRandom random, String title)
    {
        if (!percent(random, 0.5)) {
            return title;
        }
        if (random.nextBoolean()) {
            return "\"" + title;
        }
        int space = title.indexOf(' ');
        return space < 0 ? "\"" + title + "\"" : title.substring(0, space + 1) + "\"" + title.substring(space + 1) + "\"";
    }

    private static OptionalInt endYear(SplittableRandom random, String titleType, OptionalInt startYear)
    {
        boolean series = titleType.equals("tvSeries") || titleType.equals("tvMiniSeries");
        // a series that started this year is still running
        if (!series || startYear.isEmpty() || startYear.getAsInt() >= LATEST_YEAR || random.nextBoolean()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.min(startYear.getAsInt() + random.nextInt(1, 11), LATEST_YEAR));
    }

    private static OptionalInt runtimeMinutes(SplittableRandom random, String titleType)
    {
        if (percent(random, 20)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(switch (titleType) {
            case "short", "tvShort" -> random.nextInt(1, 41);
            case "movie", "tvMovie" -> Math.clamp(Math.round(gaussian(random, 100, 22)), 45, 240);
            case "tvEpisode" -> random.nextInt(20, 61);
            default -> random.nextInt(20, 151);
        });
    }

    private static List<String> genres(SplittableRandom random, String titleType)
    {
        if (percent(random, 5)) {
            return ImmutableList.of();
        }
        int count = random.nextInt(1, 4);
        // IMDb lists a title's genres in alphabetical order
        TreeSet<String> genres = new TreeSet<>();
        if (titleType.equals("short") || titleType.equals("tvShort")) {
            genres.add("Short");
        }
        while (genres.size() < count) {
            genres.add(GENRES.pick(random));
        }
        return ImmutableList.copyOf(genres);
    }
}
