import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * Calls the {@code refresh} endpoint of a running Spring Boot application over JMX (local attach, no port, no
 * token): {@code java deploy/nacos-local/ContextRefresh.java <pid>}. The endpoint runs Spring Cloud's
 * {@code ContextRefresher.refresh()}, the same call that Spring Cloud Alibaba makes when Nacos pushes a changed
 * data id; check.sh --without-nacos uses it to show that the gateway rebuilds its routes from changed
 * configuration without a restart. The application needs {@code spring.jmx.enabled=true} and
 * {@code management.endpoints.jmx.exposure.include=refresh}. Prints the changed keys; exit 1 when the endpoint
 * is not there.
 */
public class ContextRefresh {

	public static void main(String[] args) throws Exception {
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		try {
			String address = vm.startLocalManagementAgent();
			try (var connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
				var server = connector.getMBeanServerConnection();
				var names = server.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Refresh,*"),
						null);
				if (names.isEmpty()) {
					System.err.println("no refresh endpoint over JMX in process " + args[0]);
					System.exit(1);
				}
				for (ObjectName name : names) {
					Object changed = server.invoke(name, "refresh", new Object[0], new String[0]);
					System.out.println("refreshed " + args[0] + ", changed keys: " + changed);
				}
			}
		}
		finally {
			vm.detach();
		}
	}

}
