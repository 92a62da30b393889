package cn.gov.cppcc.proposals.common.logging;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring logs through Commons Logging, often with a lazy message object (Spring's
 * {@code LogMessage}) at debug level on every request. The platform's choice of adapter
 * (META-INF/services in this module) must leave a disabled message unrendered and still
 * deliver an enabled one to Logback.
 */
class CommonsLoggingLazinessTests {

	private static final String NAME = "cn.gov.cppcc.proposals.test.laziness";

	@Test
	void disabledDebugMessageIsNeverRenderedAndEnabledOnesReachLogback() {
		Logger logback = (Logger) LoggerFactory.getLogger(NAME);
		logback.setLevel(Level.INFO);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logback.addAppender(appender);
		try {
			Log log = LogFactory.getLog(NAME);
			AtomicInteger renders = new AtomicInteger();
			Object message = new Object() {
				@Override
				public String toString() {
					renders.incrementAndGet();
					return "rendered";
				}
			};

			log.debug(message);
			log.trace(message);
			assertThat(renders).as("a disabled debug/trace message is turned into text").hasValue(0);

			log.info(message);
			assertThat(appender.list).singleElement().satisfies((event) -> {
				assertThat(event.getFormattedMessage()).isEqualTo("rendered");
				assertThat(event.getLevel()).isEqualTo(Level.INFO);
				assertThat(event.getLoggerName()).isEqualTo(NAME);
			});
		}
		finally {
			logback.detachAppender(appender);
		}
	}

}
