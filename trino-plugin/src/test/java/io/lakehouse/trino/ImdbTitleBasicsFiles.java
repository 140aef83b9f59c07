package io.lakehouse.trino;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Gzip TSV files shaped like IMDb's {@code title.basics.tsv.gz}: a header, {@code tt…} ids, a skewed title type,
 * titles with stray quote characters and non-ASCII letters, {@code \N} for missing values (nearly every end year),
 * and comma-joined genres. The same seed always yields the same bytes.
 */
final class ImdbTitleBasicsFiles
{
    public static final List<String> COLUMNS = List.of("tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres");

    private static final String[] TITLE_TYPES = {"tvEpisode", "short", "movie", "video", "tvSeries", "tvMovie", "tvMiniSeries", "tvSpecial", "videoGame", "tvShort", "tvPilot"};
    // cumulative percentages, roughly those of the real file
    private static final int[] TITLE_TYPE_WEIGHTS = {73, 83, 90, 93, 96, 97, 98, 99, 100, 100, 100};
    private static final String[] GENRES = {"Drama", "Comedy", "Documentary", "Talk-Show", "Romance", "Family", "Reality-TV", "News", "Animation", "Action",
            "Crime", "Music", "Adventure", "Game-Show", "Adult", "Sport", "Fantasy", "Mystery", "Horror", "Thriller", "History", "Short", "Biography",
            "Sci-Fi", "Musical", "War", "Western", "Film-Noir"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
    private static final String[] WORDS = {"the", "of", "and", "a", "in", "love", "night", "day", "man", "woman", "last", "first", "time", "house", "city",
            "life", "dead", "world", "girl", "boy", "story", "king", "queen", "war", "home", "blue", "red", "black", "white", "little", "big", "dark",
            "light", "road", "river", "sea", "star", "moon", "sun", "heart", "dream", "secret", "return", "journey", "game", "family", "friends",
            "school", "summer", "winter", "murder", "mystery", "ghost", "wild", "lost", "found", "new", "old", "young", "rich", "poor", "long",
            "short", "high", "low", "fire", "water", "stone", "iron", "golden", "silver", "shadow", "music", "dance", "song", "angel", "devil",
            "Paris", "London", "Berlin", "Tokyo", "Rome", "New York", "Hollywood", "Texas", "Mexico", "Café", "Müller", "Ñandú", "Straße", "Zoë",
            "Élan", "Amélie", "Björk", "São Paulo", "Kraków", "Dvořák", "naïve", "déjà vu", "über", "fiancée", "Señor", "Nöel", "Çay", "Łódź"};

    private ImdbTitleBasicsFiles() {}

    public record WrittenFile(Path path, long rows, long textBytes, long fileBytes) {}

    /**
     * Writes about {@code textBytes} of uncompressed text (whole records) as a gzip file; ids start at {@code firstId}.
     */
    public static WrittenFile write(Path path, long textBytes, long firstId, long seed)
            throws IOException
    {
        Files.createDirectories(path.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(256);
        long rows = 0;
        long written = 0;
        try (OutputStream output = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(path), 64 * 1024), 1 << 20)) {
            byte[] header = (String.join("\t", COLUMNS) + "\n").getBytes(UTF_8);
            output.write(header);
            written += header.length;
            while (written < textBytes) {
                line.setLength(0);
                appendRecord(line, firstId + rows, random);
                byte[] bytes = line.toString().getBytes(UTF_8);
                output.write(bytes);
                written += bytes.length;
                rows++;
            }
        }
        return new WrittenFile(path, rows, written, Files.size(path));
    }

    private static void appendRecord(StringBuilder line, long id, SplittableRandom random)
    {
        String titleType = titleType(random);
        String title = titleType.equals("tvEpisode") && random.nextInt(100) < 45 ? episodeTitle(random) : title(random);
        String originalTitle = random.nextInt(100) < 90 ? title : title(random);
        boolean series = titleType.equals("tvSeries") || titleType.equals("tvMiniSeries");
        int startYear = 1890 + random.nextInt(136);

        line.append("tt");
        String digits = Long.toString(id);
        for (int pad = digits.length(); pad < 7; pad++) {
            line.append('0');
        }
        line.append(digits).append('\t');
        line.append(titleType).append('\t');
        line.append(title).append('\t');
        line.append(originalTitle).append('\t');
        line.append(random.nextInt(100) < 2 ? '1' : '0').append('\t');
        if (random.nextInt(100) < 12) {
            line.append("\\N");
        }
        else {
            line.append(startYear);
        }
        line.append('\t');
        if (series && random.nextInt(100) < 40) {
            line.append(Math.min(2025, startYear + random.nextInt(12)));
        }
        else {
            line.append("\\N");
        }
        line.append('\t');
        if (random.nextInt(100) < 68) {
            line.append("\\N");
        }
        else {
            line.append(1 + random.nextInt(titleType.equals("movie") ? 200 : 60));
        }
        line.append('\t');
        appendGenres(line, random);
        line.append('\n');
    }

    private static String titleType(SplittableRandom random)
    {
        int percent = random.nextInt(100);
        for (int type = 0; type < TITLE_TYPES.length; type++) {
            if (percent < TITLE_TYPE_WEIGHTS[type]) {
                return TITLE_TYPES[type];
            }
        }
        return TITLE_TYPES[TITLE_TYPES.length - 1];
    }

    private static String episodeTitle(SplittableRandom random)
    {
        if (random.nextInt(4) == 0) {
            return "Episode dated %s %s %s".formatted(1 + random.nextInt(28), MONTHS[random.nextInt(12)], 1950 + random.nextInt(75));
        }
        return "Episode #%s.%s".formatted(1 + random.nextInt(30), 1 + random.nextInt(200));
    }

    /**
     * Words in title case; a few titles hold quote characters the way the real file does: a quoted title, a size in
     * inches, an opening quote that never closes.
     */
    private static String title(SplittableRandom random)
    {
        StringBuilder title = new StringBuilder();
        int words = 1 + random.nextInt(5);
        for (int word = 0; word < words; word++) {
            if (word > 0) {
                title.append(' ');
            }
            String text = WORDS[random.nextInt(WORDS.length)];
            title.append(Character.toUpperCase(text.charAt(0))).append(text, 1, text.length());
        }
        int quirk = random.nextInt(200);
        if (quirk == 0) {
            return "\"" + title + "\"";
        }
        if (quirk == 1) {
            return "12\" " + title;
        }
        if (quirk == 2) {
            return "\"" + title;
        }
        if (quirk < 8) {
            return title + "'s";
        }
        return title.toString();
    }

    private static void appendGenres(StringBuilder line, SplittableRandom random)
    {
        if (random.nextInt(100) < 5) {
            line.append("\\N");
            return;
        }
        int count = 1 + random.nextInt(3);
        int first = random.nextInt(GENRES.length);
        for (int genre = 0; genre < count; genre++) {
            if (genre > 0) {
                line.append(',');
            }
            line.append(GENRES[(first + genre * 7) % GENRES.length]);
        }
    }
}
