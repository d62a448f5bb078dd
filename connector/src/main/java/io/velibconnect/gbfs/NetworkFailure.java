package io.velibconnect.gbfs;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Says in words what failed when a feed could not be reached: a DNS lookup, a refused connection, a timeout, TLS.
 * The exception's class name alone ("ConnectException") hides the DNS failure that an offline machine gives, and
 * HTTP clients wrap the real cause, so the chain of causes is searched for the first one that explains it.
 */
public final class NetworkFailure {

    private NetworkFailure() {
    }

    public static String describe(Throwable failure, String url) {
        String host = hostOf(url);
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        // a failed lookup hides under a ConnectException, so it is looked for first
        if (causes.stream().anyMatch(c -> c instanceof UnknownHostException || c instanceof UnresolvedAddressException)) {
            return "cannot resolve host " + host + " (DNS lookup failed: no network, or no such host)";
        }
        for (Throwable cause : causes) {
            if (cause instanceof NoRouteToHostException) {
                return "no route to host " + host;
            }
            if (cause instanceof ConnectException) {
                return "connection to " + host + " refused or failed" + detail(cause);
            }
            if (cause instanceof SSLException) {
                return "TLS with " + host + " failed" + detail(cause);
            }
            if (cause instanceof InterruptedIOException) {
                return "no answer from " + host + " in time" + detail(cause);
            }
        }
        return failure.getClass().getSimpleName() + detail(failure);
    }

    private static String detail(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            if (host == null) {
                return url;
            }
            return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
