package io.lakehouse.catalog.store;

import com.google.common.collect.ImmutableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One page of a keyset-paginated listing: the items, and the key of the last item when more follow.
 */
public record ResultPage<T>(List<T> items, Optional<String> nextKey)
{
    // rows read per query while scanning for rows that pass a filter evaluated in Java
    private static final int SCAN_BATCH_SIZE = 200;

    public ResultPage
    {
        items = ImmutableList.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextKey, "nextKey is null");
    }

    /**
     * Builds a page from rows fetched with a limit of {@code limit + 1}.
     */
    static <R, T> ResultPage<T> fromRows(List<R> rows, int limit, Function<R, String> key, Function<R, T> mapper)
    {
        checkArgument(limit > 0, "limit must be positive");
        List<R> pageRows = rows.size() > limit ? rows.subList(0, limit) : rows;
        Optional<String> nextKey = rows.size() > limit ? Optional.of(key.apply(pageRows.getLast())) : Optional.empty();
        return new ResultPage<>(pageRows.stream().map(mapper).toList(), nextKey);
    }

    /**
     * Scans rows in key order, keeping those accepted by the filter, until a page is full.
     */
    static <R, T> ResultPage<T> scan(BatchFetcher<R> fetcher, Optional<String> afterKey, Predicate<R> filter, int limit, Function<R, String> key, Function<R, T> mapper)
    {
        checkArgument(limit > 0, "limit must be positive");
        List<R> accepted = new ArrayList<>();
        Optional<String> cursor = afterKey;
        while (true) {
            List<R> batch = fetcher.fetch(cursor, SCAN_BATCH_SIZE);
            for (R row : batch) {
                if (filter.test(row)) {
                    accepted.add(row);
                    if (accepted.size() > limit) {
                        return fromRows(accepted, limit, key, mapper);
                    }
                }
            }
            if (batch.size() < SCAN_BATCH_SIZE) {
                return fromRows(accepted, limit, key, mapper);
            }
            cursor = Optional.of(key.apply(batch.getLast()));
        }
    }

    interface BatchFetcher<R>
    {
        List<R> fetch(Optional<String> afterKey, int batchSize);
    }
}
