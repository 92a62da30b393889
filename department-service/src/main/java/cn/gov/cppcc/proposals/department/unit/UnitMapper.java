package cn.gov.cppcc.proposals.department.unit;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface UnitMapper extends BaseMapper<Unit> {

	default Page<Unit> search(String q, UnitType type, Boolean active, long page, long size) {
		QueryWrapper<Unit> where = new QueryWrapper<>();
		if (q != null && !q.isBlank()) {
			String term = q.trim();
			where.and((w) -> w.like("name", term).or().like("short_name", term).or().eq("code", term));
		}
		where.eq(type != null, "type", type).eq(active != null, "active", active).orderByAsc("id");
		return selectPage(new Page<>(page, size), where);
	}

	default boolean codeTaken(String code, Long exceptId) {
		QueryWrapper<Unit> where = new QueryWrapper<Unit>().eq("code", code).ne(exceptId != null, "id", exceptId);
		return selectCount(where) > 0;
	}

	@Select("SELECT COUNT(*) FROM unit WHERE parent_id = #{id}")
	long countChildren(@Param("id") long id);

	/**
	 * Accounts of this service that belong to the unit (the same database; no
	 * cross-service join).
	 */
	@Select("SELECT COUNT(*) FROM user_account WHERE unit_id = #{id}")
	long countAccounts(@Param("id") long id);

}
