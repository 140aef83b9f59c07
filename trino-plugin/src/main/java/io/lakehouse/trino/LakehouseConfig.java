package io.lakehouse.trino;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;
import io.airlift.units.DataSize;
import io.airlift.units.MaxDataSize;
import io.airlift.units.MinDataSize;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static io.airlift.units.DataSize.Unit.MEGABYTE;

public class LakehouseConfig
{
    private String landingLocation;
    private DataSize inferenceSampleSize = DataSize.of(1, MEGABYTE);
    private DataSize maxRecordLength = DataSize.of(16, MEGABYTE);
    private DataSize maxSplitSize = DataSize.of(64, MEGABYTE);

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

    @NotNull
    @MinDataSize("1kB")
    @MaxDataSize("64MB")
    public DataSize getInferenceSampleSize()
    {
        return inferenceSampleSize;
    }

    @Config("lakehouse.inference.sample-size")
    @ConfigDescription("Decompressed bytes read from the start of each file to infer its format and column types")
    public LakehouseConfig setInferenceSampleSize(DataSize inferenceSampleSize)
    {
        this.inferenceSampleSize = inferenceSampleSize;
        return this;
    }

    @NotNull
    @MinDataSize("1kB")
    @MaxDataSize("1GB")
    public DataSize getMaxRecordLength()
    {
        return maxRecordLength;
    }

    @Config("lakehouse.max-record-length")
    @ConfigDescription("Longest record (line, or quoted multi-line record) accepted before the file is reported as malformed")
    public LakehouseConfig setMaxRecordLength(DataSize maxRecordLength)
    {
        this.maxRecordLength = maxRecordLength;
        return this;
    }

    @NotNull
    @MinDataSize("1kB")
    public DataSize getMaxSplitSize()
    {
        return maxSplitSize;
    }

    @Config("lakehouse.max-split-size")
    @ConfigDescription("Uncompressed line-oriented files larger than this are read in parallel byte ranges of this size")
    public LakehouseConfig setMaxSplitSize(DataSize maxSplitSize)
    {
        this.maxSplitSize = maxSplitSize;
        return this;
    }
}
