package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * What a generated person mainly does, which decides the credits they get. People are assigned roles in a fixed
 * pattern of {@value #SLOTS} numbers, so a person of a given role can be picked without scanning everyone, and to
 * one of {@value #ERAS} eras of the catalog's history by their number, the first people to the latest era, so a
 * career covers a few decades, not the whole history of film.
 */
enum CreditRole
{
    ACTOR("actor", 0, 7),
    ACTRESS("actress", 7, 12),
    DIRECTOR("director", 12, 13),
    WRITER("writer", 13, 15),
    PRODUCER("producer", 15, 16),
    COMPOSER("composer", 16, 17),
    CINEMATOGRAPHER("cinematographer", 17, 18),
    EDITOR("editor", 18, 19),
    SELF("self", 19, 20);

    static final int SLOTS = 20;
    static final int ERAS = 5;

    private static final List<CreditRole> BY_SLOT;

    static {
        ImmutableList.Builder<CreditRole> bySlot = ImmutableList.builder();
        for (CreditRole role : values()) {
            for (int slot = role.firstSlot; slot < role.endSlot; slot++) {
                bySlot.add(role);
            }
        }
        BY_SLOT = bySlot.build();
    }

    private final String category;
    private final int firstSlot;
    private final int endSlot;

    CreditRole(String category, int firstSlot, int endSlot)
    {
        this.category = category;
        this.firstSlot = firstSlot;
        this.endSlot = endSlot;
    }

    /**
     * The category of a principal credit in this role, as in {@code title.principals}.
     */
    String category()
    {
        return category;
    }

    /**
     * The profession listed first in {@code name.basics}; people appearing as themselves have none.
     */
    String profession()
    {
        return this == SELF ? "miscellaneous" : category;
    }

    static CreditRole of(int personNumber)
    {
        return BY_SLOT.get((personNumber - 1) % SLOTS);
    }

    /**
     * A person of this role among people {@code 1..pool}, of the given era when the title's year is known; the first
     * people of an era (its veterans) are picked far more often, so some people have hundreds of credits and most
     * have one or two.
     *
     * @param era 0 for the latest years to {@code ERAS - 1} for the first films
     */
    int pickPerson(SplittableRandom random, int pool, double skew, OptionalInt era)
    {
        int slot = random.nextInt(firstSlot, endSlot);
        if (pool <= slot) {
            // fewer people than one round of roles: anyone will do
            return random.nextInt(1, pool + 1);
        }
        int blocks = (pool - slot - 1) / SLOTS + 1;
        if (era.isEmpty() || blocks < ERAS) {
            return RandomStreams.skewed(random, blocks, skew) * SLOTS + slot + 1;
        }
        int first = blocks * era.getAsInt() / ERAS;
        int end = blocks * (era.getAsInt() + 1) / ERAS;
        return (first + RandomStreams.skewed(random, end - first, skew)) * SLOTS + slot + 1;
    }

    /**
     * The era of a year, between the latest year (era 0) and the first film.
     */
    static int eraOf(int year)
    {
        double age = (double) (TitleBasicsGenerator.LATEST_YEAR - year) / (TitleBasicsGenerator.LATEST_YEAR - TitleBasicsGenerator.FIRST_YEAR + 1);
        return Math.clamp((int) (age * ERAS), 0, ERAS - 1);
    }

    /**
     * The year in the middle of the era in which {@link #pickPerson} credits person {@code number} of {@code pool}.
     */
    static int careerYear(int number, int pool)
    {
        int slot = (number - 1) % SLOTS;
        int block = (number - 1) / SLOTS;
        int blocks = (pool - slot - 1) / SLOTS + 1;
        int era = 0;
        if (blocks >= ERAS) {
            while (era < ERAS - 1 && blocks * (era + 1) / ERAS <= block) {
                era++;
            }
        }
        double eraYears = (double) (TitleBasicsGenerator.LATEST_YEAR - TitleBasicsGenerator.FIRST_YEAR + 1) / ERAS;
        return (int) Math.round(TitleBasicsGenerator.LATEST_YEAR - (era + 0.5) * eraYears);
    }
}
