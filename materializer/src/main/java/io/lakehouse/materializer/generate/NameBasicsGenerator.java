package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;

import static io.lakehouse.materializer.generate.RandomStreams.percent;
import static io.lakehouse.materializer.generate.RandomStreams.pick;

/**
 * Generates IMDb-shaped people. A person's fields depend only on the seed, their number and how many titles existed
 * when they were added, so {@code nm0000042} is the same in every snapshot.
 */
public final class NameBasicsGenerator
{
    private static final List<String> FEMALE_NAMES = ImmutableList.of(
            "Anna", "Maria", "Emma", "Olivia", "Sofia", "Zoë", "Chloé", "Ingrid", "Greta", "Mei", "Yuki", "Amara",
            "Lucía", "Łucja", "Aoife", "Priya", "Fatima", "Hanna", "Isabel", "Julia", "Katarzyna", "Leila", "Nora", "Rosa");
    private static final List<String> MALE_NAMES = ImmutableList.of(
            "John", "James", "Pedro", "José", "Søren", "Björn", "François", "Hiroshi", "Kwame", "Luca", "Mateo", "Omar",
            "Raj", "Sergei", "Tomás", "Wei", "Ahmed", "Daniel", "Erik", "George", "Henry", "Ivan", "Karl", "Michael");
    private static final List<String> LAST_NAMES = ImmutableList.of(
            "Smith", "Johnson", "García", "Müller", "Rossi", "Dubois", "Novák", "Dvořák", "Kowalski", "Andersson",
            "Núñez", "O'Brien", "Tanaka", "Kim", "Nguyen", "Okafor", "Patel", "Silva", "Jensen", "Ivanova", "Brown",
            "Martin", "Fischer", "Costa", "Haddad", "Yilmaz", "Larsen", "Moreau", "Schmidt", "Walsh", "Chen", "Lopez");
    private static final List<String> SECOND_PROFESSIONS = ImmutableList.of(
            "producer", "writer", "director", "soundtrack", "miscellaneous", "editor", "casting_director",
            "camera_department", "music_department", "art_department", "stunts", "executive", "visual_effects");

    private final long seed;

    public NameBasicsGenerator(long seed)
    {
        this.seed = seed;
    }

    public static String nconst(int number)
    {
        return RandomStreams.paddedId("nm", number);
    }

    /**
     * Person {@code nm<number>}, known for titles among {@code tt0000001..tt<titlePool>}, in mid-career around
     * {@code careerYear}.
     */
    public NameBasics person(int number, int titlePool, int careerYear)
    {
        SplittableRandom random = RandomStreams.stream(seed, 2, number);
        CreditRole role = CreditRole.of(number);
        boolean female = role == CreditRole.ACTRESS || (role != CreditRole.ACTOR && percent(random, 35));
        String firstName = pick(random, female ? FEMALE_NAMES : MALE_NAMES);
        String lastName = pick(random, LAST_NAMES);
        String name = percent(random, 3)
                ? firstName + " " + (char) ('A' + random.nextInt(26)) + ". " + lastName
                : firstName + " " + lastName;

        // IMDb knows the birth year of few people, more often of the well-known ones (low numbers here)
        OptionalInt birthYear = percent(random, number < 50_000 ? 60 : 15)
                ? OptionalInt.of(Math.clamp(Math.round(RandomStreams.gaussian(random, careerYear - 40, 6)), 1850, TitleBasicsGenerator.LATEST_YEAR - 10))
                : OptionalInt.empty();
        OptionalInt deathYear = OptionalInt.empty();
        if (birthYear.isPresent() && birthYear.getAsInt() < 1950 && percent(random, birthYear.getAsInt() < 1925 ? 95 : 50)) {
            deathYear = OptionalInt.of(Math.min(birthYear.getAsInt() + random.nextInt(40, 100), TitleBasicsGenerator.LATEST_YEAR));
        }

        List<String> professions = new ArrayList<>();
        if (!(role == CreditRole.SELF && percent(random, 30))) {
            Set<String> distinct = new LinkedHashSet<>();
            distinct.add(role.profession());
            int extra = random.nextInt(3);
            for (int i = 0; i < extra; i++) {
                distinct.add(pick(random, SECOND_PROFESSIONS));
            }
            professions.addAll(distinct);
        }

        List<String> knownFor = new ArrayList<>();
        if (!percent(random, 12)) {
            Set<String> titles = new LinkedHashSet<>();
            int count = random.nextInt(1, 5);
            for (int i = 0; i < count; i++) {
                titles.add(TitleBasicsGenerator.tconst(random.nextInt(1, titlePool + 1)));
            }
            knownFor.addAll(titles);
        }
        return new NameBasics(nconst(number), name, birthYear, deathYear, professions, knownFor);
    }
}
