package cn.gov.cppcc.proposals.department.user;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface UserMapper extends BaseMapper<UserAccount> {

	default UserAccount findByUsername(String username) {
		return selectOne(new QueryWrapper<UserAccount>().eq("username", username));
	}

	@Select("SELECT * FROM user_account WHERE username = #{username} FOR UPDATE")
	UserAccount lockByUsername(@Param("username") String username);

	/** Roles are stored comma separated; FIND_IN_SET matches one of them exactly. */
	default List<UserAccount> findByRole(String role, Long unitId) {
		QueryWrapper<UserAccount> where = new QueryWrapper<UserAccount>().apply("FIND_IN_SET({0}, roles) > 0", role)
			.eq(unitId != null, "unit_id", unitId)
			.orderByAsc("id")
			.last("LIMIT 1000");
		return selectList(where);
	}

	default List<UserAccount> findByUnit(long unitId) {
		return selectList(new QueryWrapper<UserAccount>().eq("unit_id", unitId).orderByAsc("id").last("LIMIT 1000"));
	}

	default List<UserAccount> findByIds(Collection<Long> ids) {
		return selectList(new QueryWrapper<UserAccount>().in("id", ids).orderByAsc("id"));
	}

	default Page<UserAccount> members(String q, String sector, long page, long size) {
		QueryWrapper<UserAccount> where = new QueryWrapper<UserAccount>().apply("FIND_IN_SET('MEMBER', roles) > 0")
			.eq(sector != null && !sector.isBlank(), "sector", sector);
		if (q != null && !q.isBlank()) {
			String term = q.trim();
			where.and((w) -> w.like("display_name", term).or().eq("username", term));
		}
		return selectPage(new Page<>(page, size), where.orderByAsc("id"));
	}

	@Select("SELECT COUNT(*) FROM user_account WHERE FIND_IN_SET('ADMIN', roles) > 0 AND enabled = TRUE AND id <> #{id}")
	long countOtherEnabledAdmins(@Param("id") long id);

	@Update("UPDATE user_account SET failed_count = #{count}, first_failed_at = #{firstFailedAt}, "
			+ "locked_until = #{lockedUntil} WHERE id = #{id}")
	void updateLoginState(@Param("id") long id, @Param("count") int count,
			@Param("firstFailedAt") Instant firstFailedAt, @Param("lockedUntil") Instant lockedUntil);

}
