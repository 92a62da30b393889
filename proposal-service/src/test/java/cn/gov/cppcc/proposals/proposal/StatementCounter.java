package cn.gov.cppcc.proposals.proposal;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

/**
 * Connector/J sees every statement it sends to the server (the application's and its own,
 * such as {@code SET autocommit}); while a test counts, this interceptor keeps the text
 * of those sent from the web server's request threads ({@code http-nio-*}), so a test can
 * count the round trips of one request. Registered on the shared test context through
 * {@code spring.datasource.hikari.data-source-properties.queryInterceptors}.
 */
public class StatementCounter implements QueryInterceptor {

	/** The test property that registers it with the pool's connections. */
	static final String PROPERTY = "spring.datasource.hikari.data-source-properties.queryInterceptors="
			+ "cn.gov.cppcc.proposals.proposal.StatementCounter";

	private static final List<String> SEEN = new CopyOnWriteArrayList<>();

	private static volatile boolean counting;

	/** Forgets what was seen and starts keeping the request threads' statements. */
	static void start() {
		SEEN.clear();
		counting = true;
	}

	/** Stops and answers the statements seen since {@link #start()}. */
	static List<String> stop() {
		counting = false;
		return List.copyOf(SEEN);
	}

	@Override
	public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
		return this;
	}

	@Override
	public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
		if (counting && Thread.currentThread().getName().startsWith("http-nio")) {
			SEEN.add(String.valueOf(sql.get()));
		}
		return null;
	}

	@Override
	public boolean executeTopLevelOnly() {
		return true;
	}

	@Override
	public void destroy() {
	}

	@Override
	public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
			ServerSession serverSession) {
		return null;
	}

}
