// Creates the stack's topics when they are missing (idempotent), or lists them.
// Run by scripts/stack as a single-file program on the broker's classpath:
//   java -cp KAFKA_CLASSPATH scripts/lib/Topics.java BOOTSTRAP create NAME:PARTITIONS[:key=value;key=value] ...
//   java -cp KAFKA_CLASSPATH scripts/lib/Topics.java BOOTSTRAP list
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

public class Topics {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Topics BOOTSTRAP create NAME:PARTITIONS[:k=v;k=v]... | list");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            if (args[1].equals("list")) {
                existing.forEach(System.out::println);
                return;
            }
            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] parts = args[i].split(":", 3);
                if (existing.contains(parts[0])) {
                    System.err.println("topic " + parts[0] + " exists");
                    continue;
                }
                Map<String, String> configs = new HashMap<>();
                if (parts.length == 3 && !parts[2].isBlank()) {
                    for (String kv : parts[2].split(";")) {
                        String[] pair = kv.split("=", 2);
                        configs.put(pair[0].trim(), pair[1].trim());
                    }
                }
                missing.add(
                        new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1)
                                .configs(configs));
                System.err.println("creating topic " + args[i]);
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
