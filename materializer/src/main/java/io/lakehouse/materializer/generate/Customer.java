package io.lakehouse.materializer.generate;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A customer of the generated shop: the same person buys (Online Retail), reviews movies (the vendor's reviews)
 * and appears in the customer feed, always under the same id.
 */
public record Customer(
        int id,
        String firstName,
        String lastName,
        String email,
        Optional<String> phone,
        String street,
        String city,
        String postalCode,
        String country,
        LocalDate memberSince)
{
    public Customer
    {
        requireNonNull(firstName, "firstName is null");
        requireNonNull(lastName, "lastName is null");
        requireNonNull(email, "email is null");
        requireNonNull(phone, "phone is null");
        requireNonNull(street, "street is null");
        requireNonNull(city, "city is null");
        requireNonNull(postalCode, "postalCode is null");
        requireNonNull(country, "country is null");
        requireNonNull(memberSince, "memberSince is null");
    }
}
