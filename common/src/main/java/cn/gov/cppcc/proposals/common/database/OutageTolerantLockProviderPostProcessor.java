package cn.gov.cppcc.proposals.common.database;

import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the service's ShedLock {@link LockProvider} in an
 * {@link OutageTolerantLockProvider} that hears from the {@link DatabaseWatchdog}.
 */
public class OutageTolerantLockProviderPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<DatabaseWatchdog> watchdog;

	public OutageTolerantLockProviderPostProcessor(ObjectProvider<DatabaseWatchdog> watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof LockProvider provider) || bean instanceof OutageTolerantLockProvider) {
			return bean;
		}
		DatabaseWatchdog current = this.watchdog.getIfAvailable();
		if (current == null) {
			return bean;
		}
		OutageTolerantLockProvider tolerant = new OutageTolerantLockProvider(provider, current);
		current.addListener(tolerant);
		return tolerant;
	}

}
