package cn.gov.cppcc.proposals.department.key;

import java.time.Instant;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface SigningKeyMapper extends BaseMapper<SigningKey> {

	default List<SigningKey> active() {
		return selectList(new QueryWrapper<SigningKey>().eq("status", "ACTIVE").orderByDesc("created_at"));
	}

	default List<SigningKey> published(Instant retiredAfter) {
		return selectList(new QueryWrapper<SigningKey>().eq("status", "ACTIVE")
			.or((w) -> w.eq("status", "RETIRED").gt("retired_at", retiredAfter))
			.orderByDesc("created_at"));
	}

	@Update("UPDATE signing_key SET status = 'RETIRED', retired_at = #{now} WHERE status = 'ACTIVE' AND kid <> #{keep}")
	int retireAllBut(@Param("keep") String keep, @Param("now") Instant now);

}
