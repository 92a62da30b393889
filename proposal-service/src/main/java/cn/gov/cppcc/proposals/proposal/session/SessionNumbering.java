package cn.gov.cppcc.proposals.proposal.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.gov.cppcc.proposals.common.error.ApiException;

/**
 * Numbers filed proposals within their session: term + session + 4 digits, e.g.
 * 十二届一次会议第0768号 (numbering, DOMAIN.md). The session's counter row is locked with
 * {@code SELECT ... FOR UPDATE} inside the filing transaction, so concurrent filings
 * queue on it and a rolled-back filing gives its number back: no gaps, no duplicates (the
 * unique key on {@code (session_id, serial)} guards the rest).
 */
@Component
public class SessionNumbering {

	private final JdbcClient jdbc;

	SessionNumbering(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param sessionId session id
	 * @param term term (届)
	 * @param session session (次)
	 * @param name e.g. 十三届四次会议
	 * @param serial the number within the session
	 * @param number the printed number
	 */
	public record Number(String sessionId, int term, int session, String name, int serial, String number) {
	}

	/**
	 * The session a proposal submitted now belongs to (大会提案 and 平时提案 share it).
	 */
	public Number current() {
		Session current = this.jdbc
			.sql("SELECT id, term, session_no, name, next_serial FROM term_session WHERE current = 1")
			.query((rs, n) -> new Session(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5)))
			.optional()
			.orElseThrow(() -> ApiException.conflict("no-current-session"));
		return new Number(current.id(), current.term(), current.session(), current.name(), 0, null);
	}

	/**
	 * The next number of the session, taken under the counter row's lock.
	 * @param sessionId the proposal's session, or {@code null} for the current one
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Number next(String sessionId) {
		String id = (sessionId != null) ? sessionId : current().sessionId();
		Session current = this.jdbc
			.sql("SELECT id, term, session_no, name, next_serial FROM term_session WHERE id = ? FOR UPDATE")
			.param(id)
			.query((rs, n) -> new Session(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5)))
			.optional()
			.orElseThrow(() -> ApiException.conflict("no-current-session"));
		this.jdbc.sql("UPDATE term_session SET next_serial = next_serial + 1 WHERE id = ?")
			.param(current.id())
			.update();
		int serial = current.nextSerial();
		return new Number(current.id(), current.term(), current.session(), current.name(), serial,
				format(current.name(), serial));
	}

	public static String format(String sessionName, int serial) {
		return sessionName + "第" + String.format("%04d", serial) + "号";
	}

	record Session(String id, int term, int session, String name, int nextSerial) {
	}

}
