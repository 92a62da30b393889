package cn.gov.cppcc.proposals.department.token;

import java.time.Instant;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface RefreshTokenMapper extends BaseMapper<RefreshToken> {

	default RefreshToken findByHash(String hash) {
		return selectOne(new QueryWrapper<RefreshToken>().eq("token_hash", hash));
	}

	/**
	 * Marks one token used; 0 rows means somebody else used it first (treated as reuse).
	 */
	@Update("UPDATE refresh_token SET revoked_at = #{now}, revoke_reason = 'ROTATED' "
			+ "WHERE id = #{id} AND revoked_at IS NULL")
	int markRotated(@Param("id") long id, @Param("now") Instant now);

	@Update("UPDATE refresh_token SET revoked_at = #{now}, revoke_reason = #{reason} "
			+ "WHERE family_id = #{family} AND revoked_at IS NULL")
	int revokeFamily(@Param("family") String family, @Param("now") Instant now, @Param("reason") String reason);

	@Update("UPDATE refresh_token SET revoked_at = #{now}, revoke_reason = #{reason} "
			+ "WHERE user_id = #{userId} AND revoked_at IS NULL")
	int revokeUser(@Param("userId") long userId, @Param("now") Instant now, @Param("reason") String reason);

	@Delete("DELETE FROM refresh_token WHERE absolute_expires_at < #{before} LIMIT 5000")
	int deleteExpired(@Param("before") Instant before);

}
