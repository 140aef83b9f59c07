package io.lakehouse.trino;

import io.trino.spi.connector.ConnectorTransactionHandle;

public enum LakehouseTransactionHandle
        implements ConnectorTransactionHandle
{
    INSTANCE
}
