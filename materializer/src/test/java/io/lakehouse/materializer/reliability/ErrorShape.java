package io.lakehouse.materializer.reliability;

import io.lakehouse.materializer.reliability.FaultInjectingProxy.Fault;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * How a server answers the errors a {@link FaultInjectingProxy} injects, so that its clients classify them as they
 * would the server's own: AWS JSON errors for Glue, S3's XML errors ({@code SlowDown} is S3's throttling), plain text
 * for Trino.
 */
enum ErrorShape
{
    GLUE {
        @Override
        byte[] response(Fault fault)
        {
            return switch (fault) {
                case UNAVAILABLE -> glue(503, "Service Unavailable", "ServiceUnavailableException", "Service is unavailable (injected)");
                case THROTTLED -> glue(400, "Bad Request", "ThrottlingException", "Rate exceeded (injected)");
                case INTERNAL_ERROR -> glue(500, "Internal Server Error", "InternalServiceException", "Internal service error (injected)");
                default -> throw new IllegalArgumentException("not an error answer: " + fault);
            };
        }
    },
    S3 {
        @Override
        byte[] response(Fault fault)
        {
            return switch (fault) {
                case UNAVAILABLE -> s3(503, "Service Unavailable", "ServiceUnavailable", "Service is unable to handle request (injected)");
                case THROTTLED -> s3(503, "Slow Down", "SlowDown", "Please reduce your request rate (injected)");
                case INTERNAL_ERROR -> s3(500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again (injected)");
                default -> throw new IllegalArgumentException("not an error answer: " + fault);
            };
        }
    },
    TRINO {
        @Override
        byte[] response(Fault fault)
        {
            return switch (fault) {
                case UNAVAILABLE -> text(503, "Service Unavailable", "injected: service unavailable");
                case THROTTLED -> text(429, "Too Many Requests", "injected: too many requests");
                case INTERNAL_ERROR -> text(500, "Internal Server Error", "injected: internal error");
                default -> throw new IllegalArgumentException("not an error answer: " + fault);
            };
        }
    };

    /**
     * The whole HTTP response, closing the connection.
     */
    abstract byte[] response(Fault fault);

    private static byte[] glue(int status, String reason, String type, String message)
    {
        return http(status, reason, "application/x-amz-json-1.1", "x-amzn-ErrorType: %s\r\n".formatted(type), "{\"__type\":\"%s\",\"message\":\"%s\"}".formatted(type, message));
    }

    private static byte[] s3(int status, String reason, String code, String message)
    {
        return http(status, reason, "application/xml", "", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>%s</Code><Message>%s</Message><RequestId>injected</RequestId></Error>""".formatted(code, message));
    }

    private static byte[] text(int status, String reason, String message)
    {
        return http(status, reason, "text/plain", "", message);
    }

    private static byte[] http(int status, String reason, String contentType, String headers, String body)
    {
        byte[] bytes = body.getBytes(UTF_8);
        String head = "HTTP/1.1 %s %s\r\nContent-Type: %s\r\nContent-Length: %s\r\n%sConnection: close\r\n\r\n".formatted(status, reason, contentType, bytes.length, headers);
        byte[] response = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(UTF_8), 0, response, 0, head.length());
        System.arraycopy(bytes, 0, response, head.length(), bytes.length);
        return response;
    }
}
