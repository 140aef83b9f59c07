package io.lakehouse.materializer.generate;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.OptionalInt;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * One line of an invoice, as in the UCI Online Retail data set and the seed's {@code retail.user_purchase} table.
 *
 * @param invoiceNumber six or more digits; a leading {@code C} marks a cancellation, whose quantities are negative
 * @param customerId missing for about a quarter of the lines, as in the original data
 */
public record Purchase(
        String invoiceNumber,
        String stockCode,
        String description,
        int quantity,
        LocalDateTime invoiceDate,
        BigDecimal unitPrice,
        OptionalInt customerId,
        String country)
{
    public Purchase
    {
        requireNonNull(invoiceNumber, "invoiceNumber is null");
        requireNonNull(stockCode, "stockCode is null");
        requireNonNull(description, "description is null");
        requireNonNull(invoiceDate, "invoiceDate is null");
        requireNonNull(unitPrice, "unitPrice is null");
        requireNonNull(customerId, "customerId is null");
        requireNonNull(country, "country is null");
        // the widths of the seed's retail.user_purchase columns
        checkArgument(invoiceNumber.length() <= 10, "invoice number longer than 10 characters: %s", invoiceNumber);
        checkArgument(stockCode.length() <= 20, "stock code longer than 20 characters: %s", stockCode);
        checkArgument(country.length() <= 20, "country longer than 20 characters: %s", country);
        checkArgument(invoiceNumber.startsWith("C") == quantity < 0, "cancellations, and only they, have negative quantities: %s %s", invoiceNumber, quantity);
    }

    public boolean cancellation()
    {
        return invoiceNumber.startsWith("C");
    }
}
