package io.lakehouse.trino;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public class LakehouseConfig
{
    private String landingLocation;

    @NotNull
    @Pattern(regexp = "^[a-z0-9]+://.+", message = "must be a location URI such as s3://landing/")
    public String getLandingLocation()
    {
        return landingLocation;
    }

    @Config("lakehouse.landing-location")
    @ConfigDescription("Root of the landing zone; every folder below it is a table of schema 'landing', e.g. s3://landing/")
    public LakehouseConfig setLandingLocation(String landingLocation)
    {
        this.landingLocation = landingLocation;
        return this;
    }
}
