package bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with one static route and its defaults, nothing of the platform's:
 * no token check, rate limit, breaker, load balancer, access log or metrics. It is the
 * floor that {@code bench/gateway-hop.sh} (FLOOR=1) measures our gateway against: what
 * the proxy core itself costs per request on this machine.
 */
@SpringBootApplication
public class FloorGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorGatewayApplication.class, args);
	}

}
