package io.lakehouse.materializer.generate;

import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a generated person mainly does, which decides the credits they get. People are assigned roles in a fixed
 * pattern of {@value #SLOTS} numbers, so a person of a given role can be picked without scanning everyone.
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
     * A person of this role among people {@code 1..pool}; low numbers (the veterans of the catalog) are picked far
     * more often, so some people have hundreds of credits and most have one or two.
     */
    int pickPerson(SplittableRandom random, int pool, double skew)
    {
        int slot = random.nextInt(firstSlot, endSlot);
        if (pool <= slot) {
            // fewer people than one round of roles: anyone will do
            return random.nextInt(1, pool + 1);
        }
        int blocks = (pool - slot - 1) / SLOTS + 1;
        return RandomStreams.skewed(random, blocks, skew) * SLOTS + slot + 1;
    }
}
