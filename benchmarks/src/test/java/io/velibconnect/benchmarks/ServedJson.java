package io.velibconnect.benchmarks;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/** How the harnesses' loopback feed servers answer: a JSON body, or 404 where they have none. */
public final class ServedJson {

    private ServedJson() {
    }

    /** Sends {@code body} (null: 404) and closes the exchange. */
    public static void respond(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
