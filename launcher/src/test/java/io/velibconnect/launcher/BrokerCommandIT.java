package io.velibconnect.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code velib-connect broker}: a real broker on the asked port that Kafka's clients can use (the user's next step
 * is connect-standalone against it), its data in the run directory, and a clean stop.
 */
class BrokerCommandIT {

    @TempDir
    Path runDir;

    @Test
    void servesKafkaClientsOnItsPortUntilStopped() throws Exception {
        int port = FreePort.find();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicBoolean stopped = new AtomicBoolean();
        BrokerOnly broker = new BrokerOnly((CommandLine.Broker) CommandLine.parse(new String[]{"broker", "--port",
                Integer.toString(port), "--run-dir", runDir.toString()}), runDir, new PrintStream(err, true,
                StandardCharsets.UTF_8));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> broker.run(stopped::get));
        String bootstrap = "127.0.0.1:" + port;
        awaitReady(err, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bootstrap.servers=" + bootstrap), err::toString);

        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic("velib-projet", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            awaitListed(admin, "velib-projet");
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("velib-projet", "16107", "{\"num_bikes_available\":7}")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(Set.of(new TopicPartition("velib-projet", 0)));
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
            assertEquals("16107", records.iterator().next().key());
        }
        try (var files = Files.walk(runDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("velib-projet-0")),
                    "the topic's log is in the run directory");
        }

        stopped.set(true);
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Stopping the broker"), err::toString);
        assertThrows(java.io.IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "the port is closed once the command returns");
    }

    /** A created topic reaches the broker's metadata a moment after the controller acknowledges it. */
    private static void awaitListed(Admin admin, String topic) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!admin.listTopics().names().get().contains(topic)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(topic + " not listed within 30 s of its creation");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitReady(ByteArrayOutputStream err, CompletableFuture<Integer> exit) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!err.toString(StandardCharsets.UTF_8).contains("ready:")) {
            if (exit.isDone() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("broker not ready: " + err.toString(StandardCharsets.UTF_8)
                        + (exit.isDone() ? " (exited " + exit.get() + ")" : ""));
            }
            Thread.sleep(100);
        }
    }
}
