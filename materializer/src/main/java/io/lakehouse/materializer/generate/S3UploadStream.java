package io.lakehouse.materializer.generate;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * Streams an object of unknown size to S3: content up to one part is sent with a single PUT, larger content as a
 * multipart upload of fixed-size parts, so a gigabyte file never sits in memory. {@link #close()} completes the
 * object; {@link #abort()} discards what was uploaded. Until {@code close()} returns, readers do not see the object.
 */
final class S3UploadStream
        extends OutputStream
{
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int buffered;
    private long size;
    private String uploadId;
    private boolean closed;

    S3UploadStream(S3Client client, String bucket, String key, int partSize)
    {
        this.client = requireNonNull(client, "client is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.key = requireNonNull(key, "key is null");
        checkArgument(partSize > 0, "partSize must be positive");
        this.buffer = new byte[partSize];
    }

    @Override
    public void write(int value)
    {
        checkArgument(!closed, "stream is closed");
        if (buffered == buffer.length) {
            uploadPart();
        }
        buffer[buffered++] = (byte) value;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length)
    {
        checkArgument(!closed, "stream is closed");
        while (length > 0) {
            if (buffered == buffer.length) {
                uploadPart();
            }
            int chunk = Math.min(length, buffer.length - buffered);
            System.arraycopy(bytes, offset, buffer, buffered, chunk);
            buffered += chunk;
            offset += chunk;
            length -= chunk;
            size += chunk;
        }
    }

    /**
     * The number of bytes written so far.
     */
    long size()
    {
        return size;
    }

    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        if (uploadId == null) {
            client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(Arrays.copyOf(buffer, buffered)));
            return;
        }
        if (buffered > 0) {
            uploadPart();
        }
        client.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    /**
     * Discards the upload after a failure; the object is not created.
     */
    void abort()
    {
        closed = true;
        if (uploadId != null) {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        }
    }

    private void uploadPart()
    {
        if (uploadId == null) {
            uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        }
        int partNumber = parts.size() + 1;
        String etag = client.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                RequestBody.fromBytes(Arrays.copyOf(buffer, buffered))).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        buffered = 0;
    }
}
