package cn.gov.cppcc.proposals.department.client;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface OAuthClientMapper extends BaseMapper<OAuthClient> {

	default OAuthClient findByClientId(String clientId) {
		return selectOne(new QueryWrapper<OAuthClient>().eq("client_id", clientId));
	}

}
