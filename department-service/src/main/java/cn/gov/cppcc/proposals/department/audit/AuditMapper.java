package cn.gov.cppcc.proposals.department.audit;

import java.time.Instant;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface AuditMapper extends BaseMapper<AuditEntry> {

	default Page<AuditEntry> search(AuditQuery query, long page, long size) {
		QueryWrapper<AuditEntry> where = new QueryWrapper<>();
		where.eq(query.userId() != null, "user_id", query.userId())
			.eq(query.username() != null, "username", query.username())
			.eq(query.action() != null, "action", query.action())
			.ge(query.from() != null, "occurred_at", query.from())
			.lt(query.to() != null, "occurred_at", query.to())
			.orderByDesc("occurred_at", "id");
		return selectPage(new Page<>(page, size), where);
	}

	/**
	 * The id of an account of this service (same database), to filter other services'
	 * logs by user id.
	 */
	@Select("SELECT CAST(id AS CHAR) FROM user_account WHERE username = #{username}")
	String userIdOf(@Param("username") String username);

	@Delete("DELETE FROM audit_log WHERE occurred_at < #{before} LIMIT 5000")
	int deleteOlderThan(@Param("before") Instant before);

	@Delete("DELETE FROM login_log WHERE occurred_at < #{before} LIMIT 5000")
	int deleteLoginLogOlderThan(@Param("before") Instant before);

}
