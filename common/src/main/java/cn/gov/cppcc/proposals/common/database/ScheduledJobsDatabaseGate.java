package cn.gov.cppcc.proposals.common.database;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * Pauses the {@code @Scheduled} jobs while the database is down: the outbox relay, the
 * deadline job, the feed consumers, the delivery workers and their ShedLock locks (kept
 * in the database) would otherwise fail several times a second, each failure logged with
 * a stack trace. A run skipped is run again at its next tick. A run that was waiting on
 * the database when it went down fails when the watchdog aborts its connection; that
 * failure is logged at DEBUG only, the watchdog's one WARN says what happened.
 * <p>
 * Every {@code void} method annotated with {@code @Scheduled} of a service that has the
 * watchdog is paused, also one that does not use the database (notification-service's SSE
 * heartbeat: a gone client is then noticed after the outage).
 */
public class ScheduledJobsDatabaseGate implements MethodInterceptor {

	private static final Logger log = LoggerFactory.getLogger(ScheduledJobsDatabaseGate.class);

	private final ObjectProvider<DatabaseWatchdog> watchdog;

	public ScheduledJobsDatabaseGate(ObjectProvider<DatabaseWatchdog> watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		DatabaseWatchdog current = this.watchdog.getIfAvailable();
		if (current == null) {
			return invocation.proceed();
		}
		if (current.isDown()) {
			log.trace("{} skipped: the database is down", invocation.getMethod().getName());
			return null;
		}
		try {
			return invocation.proceed();
		}
		catch (RuntimeException ex) {
			if (current.isDown() && DatabaseFailures.isUnavailable(ex)) {
				log.debug("{} failed as the database went down: {}", invocation.getMethod().getName(), ex.toString());
				return null;
			}
			throw ex;
		}
	}

	/** The {@code void} methods annotated with {@code @Scheduled}. */
	public static final class ScheduledMethods extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
			return specific.getReturnType() == void.class
					&& (AnnotatedElementUtils.hasAnnotation(specific, Scheduled.class)
							|| AnnotatedElementUtils.hasAnnotation(specific, Schedules.class));
		}

	}

}
