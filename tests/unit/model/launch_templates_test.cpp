#include "model/launch_templates/launch_templates.hpp"

#include <catch2/catch.hpp>

#include "model/catalogs/image_catalog.hpp"
#include "tests/support/model_test_support.hpp"

using namespace localec2;
using test::CodeOf;

namespace {

std::string Al2023() {
  static model::ImageCatalog catalog;
  for (const model::Image& image : catalog.ForRegion("us-east-1")) {
    if (image.name.starts_with("al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64")) return image.image_id;
  }
  FAIL("no catalog image");
  return "";
}

struct TemplateFixture : test::ModelFixture {
  std::string image = Al2023();

  model::LaunchTemplate Create(const std::string& name, const std::string& type = "t3.micro") {
    model::CreateLaunchTemplateRequest request;
    request.name = name;
    request.data.image_id = image;
    request.data.instance_type = type;
    request.data.monitoring = true;
    auto created = CreateLaunchTemplate(ec2, alice, request);
    REQUIRE(created);
    return *created;
  }
  model::LaunchTemplateVersionView NewVersion(const std::string& id, const std::string& type,
                                              const std::string& source = "") {
    model::CreateLaunchTemplateVersionRequest request;
    request.ref.id = id;
    request.source_version = source;
    request.data.instance_type = type;
    auto created = CreateLaunchTemplateVersion(ec2, alice, request);
    REQUIRE(created);
    return *created;
  }
};

}  // namespace

TEST_CASE_METHOD(TemplateFixture, "a new launch template has version 1 as default and latest",
                 "[model][launch-template]") {
  clock.Advance(5000);
  model::LaunchTemplate lt = Create("web");
  CHECK(lt.launch_template_id.starts_with("lt-0"));
  CHECK(lt.default_version == 1);
  CHECK(lt.latest_version == 1);
  CHECK(lt.create_time_ms == clock.NowMs());
  CHECK(lt.created_by == "arn:aws:iam::111111111111:root");
  REQUIRE(store.last.puts.size() == 1);
  const auto& stored = std::get<model::LaunchTemplate>(store.last.puts[0].resource);
  REQUIRE(stored.versions.size() == 1);
  CHECK(stored.versions[0].data.instance_type == "t3.micro");
  CHECK(stored.versions[0].data.monitoring == std::optional<bool>(true));
}

TEST_CASE_METHOD(TemplateFixture, "template names are unique per account and region and well formed",
                 "[model][launch-template]") {
  Create("web");
  model::CreateLaunchTemplateRequest again{"web", "", {}, {}, ""};
  CHECK(CodeOf(CreateLaunchTemplate(ec2, alice, again)) ==
        "InvalidLaunchTemplateName.AlreadyExistsException");
  CHECK(CreateLaunchTemplate(ec2, bob, again));
  CHECK(CreateLaunchTemplate(ec2, alice_eu, again));
  for (std::string bad : {std::string("ab"), std::string(129, 'a'), std::string("has space")}) {
    model::CreateLaunchTemplateRequest malformed{bad, "", {}, {}, ""};
    CHECK(CodeOf(CreateLaunchTemplate(ec2, alice, malformed)) ==
          "InvalidLaunchTemplateName.MalformedException");
  }
}

TEST_CASE_METHOD(TemplateFixture, "the same ClientToken answers the same template and records nothing",
                 "[model][launch-template]") {
  model::CreateLaunchTemplateRequest request{"web", "", {}, {}, "token-1"};
  auto first = CreateLaunchTemplate(ec2, alice, request);
  REQUIRE(first);
  const int commits = store.commits;
  auto second = CreateLaunchTemplate(ec2, alice, request);
  REQUIRE(second);
  CHECK(second->launch_template_id == first->launch_template_id);
  CHECK(store.commits == commits);
}

TEST_CASE_METHOD(TemplateFixture, "a new version from a source version keeps what it does not override",
                 "[model][launch-template]") {
  model::LaunchTemplate lt = Create("web");
  model::LaunchTemplateVersionView v2 = NewVersion(lt.launch_template_id, "t3.large", "1");
  CHECK(v2.version.version_number == 2);
  CHECK_FALSE(v2.is_default);
  CHECK(v2.version.data.instance_type == "t3.large");
  CHECK(v2.version.data.image_id == image);
  CHECK(v2.version.data.monitoring == std::optional<bool>(true));
  model::LaunchTemplateVersionView v3 = NewVersion(lt.launch_template_id, "t3.small");
  CHECK(v3.version.data.image_id.empty());
  model::CreateLaunchTemplateVersionRequest missing_source;
  missing_source.ref.id = lt.launch_template_id;
  missing_source.source_version = "9";
  CHECK(CodeOf(CreateLaunchTemplateVersion(ec2, alice, missing_source)) ==
        "InvalidLaunchTemplateId.VersionNotFound");
}

TEST_CASE_METHOD(TemplateFixture, "templates are found by id or name with AWS's errors",
                 "[model][launch-template]") {
  CHECK(CodeOf(DeleteLaunchTemplate(ec2, alice, {"lt-nothex", ""})) == "InvalidLaunchTemplateId.Malformed");
  CHECK(CodeOf(DeleteLaunchTemplate(ec2, alice, {"lt-0123456789abcdef0", ""})) ==
        "InvalidLaunchTemplateId.NotFound");
  CHECK(CodeOf(DeleteLaunchTemplate(ec2, alice, {"", "nope"})) ==
        "InvalidLaunchTemplateName.NotFoundException");
  CHECK(CodeOf(DeleteLaunchTemplate(ec2, alice, {"", ""})) == "MissingParameter");
  model::LaunchTemplate lt = Create("web");
  CHECK(CodeOf(DeleteLaunchTemplate(ec2, bob, {lt.launch_template_id, ""})) ==
        "InvalidLaunchTemplateId.NotFound");
  auto deleted = DeleteLaunchTemplate(ec2, alice, {"", "web"});
  REQUIRE(deleted);
  CHECK(deleted->launch_template_id == lt.launch_template_id);
  CHECK(CodeOf(DescribeLaunchTemplates(ec2, alice, {{lt.launch_template_id}, {}, {}, {}})) ==
        "InvalidLaunchTemplateId.NotFound");
}

TEST_CASE_METHOD(TemplateFixture, "the default version moves with ModifyLaunchTemplate and cannot be deleted",
                 "[model][launch-template]") {
  model::LaunchTemplate lt = Create("web");
  NewVersion(lt.launch_template_id, "t3.large");
  NewVersion(lt.launch_template_id, "t3.small");
  auto modified = ModifyLaunchTemplate(ec2, alice, {lt.launch_template_id, ""}, "2");
  REQUIRE(modified);
  CHECK(modified->default_version == 2);
  CHECK(CodeOf(ModifyLaunchTemplate(ec2, alice, {lt.launch_template_id, ""}, "7")) ==
        "InvalidLaunchTemplateId.VersionNotFound");
  auto result = DeleteLaunchTemplateVersions(ec2, alice, {lt.launch_template_id, ""}, {"2", "3", "8"});
  REQUIRE(result);
  CHECK(result->deleted == std::vector<long long>{3});
  REQUIRE(result->failed.size() == 2);
  CHECK(result->failed[0].version == "2");
  CHECK(result->failed[0].code == "unexpectedError");
  CHECK(result->failed[1].code == "launchTemplateVersionDoesNotExist");
  auto missing = DeleteLaunchTemplateVersions(ec2, alice, {"", "gone"}, {"1", "2"});
  REQUIRE(missing);
  REQUIRE(missing->failed.size() == 2);
  CHECK(missing->failed[1].code == "launchTemplateNameDoesNotExist");
  CHECK(missing->deleted.empty());
  model::DescribeLaunchTemplateVersionsRequest all;
  all.ref.name = "web";
  auto versions = DescribeLaunchTemplateVersions(ec2, alice, all);
  REQUIRE(versions);
  REQUIRE(versions->items.size() == 2);
  CHECK(versions->items[0].version.version_number == 2);  // newest first
  CHECK(versions->items[0].is_default);
  CHECK(versions->items[1].version.version_number == 1);
  all.versions = {"$Latest"};
  auto latest = DescribeLaunchTemplateVersions(ec2, alice, all);
  REQUIRE(latest);
  REQUIRE(latest->items.size() == 1);
  CHECK(latest->items[0].version.version_number == 2);
  all.versions = {};
  all.filters = {{"is-default-version", {"false"}}};
  auto not_default = DescribeLaunchTemplateVersions(ec2, alice, all);
  REQUIRE(not_default);
  REQUIRE(not_default->items.size() == 1);
  CHECK(not_default->items[0].version.version_number == 1);
  model::DescribeLaunchTemplateVersionsRequest every;
  every.versions = {"$Latest"};
  Create("other");
  auto latest_everywhere = DescribeLaunchTemplateVersions(ec2, alice, every);
  REQUIRE(latest_everywhere);
  CHECK(latest_everywhere->items.size() == 2);
  every.versions = {"1"};
  CHECK(CodeOf(DescribeLaunchTemplateVersions(ec2, alice, every)) == "MissingParameter");
}

TEST_CASE_METHOD(TemplateFixture, "describe filters by name and tag and paginates",
                 "[model][launch-template]") {
  model::CreateLaunchTemplateRequest tagged{"tagged", "", {}, {{"launch-template", {{"env", "prod"}}}}, ""};
  REQUIRE(CreateLaunchTemplate(ec2, alice, tagged));
  Create("plain");
  auto by_tag = DescribeLaunchTemplates(ec2, alice, {{}, {}, {{"tag:env", {"prod"}}}, {}});
  REQUIRE(by_tag);
  REQUIRE(by_tag->items.size() == 1);
  CHECK(by_tag->items[0].name == "tagged");
  auto by_name = DescribeLaunchTemplates(ec2, alice, {{}, {}, {{"launch-template-name", {"pl*"}}}, {}});
  REQUIRE(by_name);
  REQUIRE(by_name->items.size() == 1);
  CHECK(by_name->items[0].name == "plain");
  auto first = DescribeLaunchTemplates(ec2, alice, {{}, {}, {}, {1, std::nullopt}});
  REQUIRE(first);
  CHECK(first->items.size() == 1);
  REQUIRE_FALSE(first->next_token.empty());
  auto second = DescribeLaunchTemplates(ec2, alice, {{}, {}, {}, {1, first->next_token}});
  REQUIRE(second);
  CHECK(second->items.size() == 1);
  CHECK(second->items[0].launch_template_id != first->items[0].launch_template_id);
  CHECK(CodeOf(DescribeLaunchTemplates(ec2, alice, {{}, {"missing"}, {}, {}})) ==
        "InvalidLaunchTemplateName.NotFoundException");
}

TEST_CASE_METHOD(TemplateFixture, "a refused commit changes nothing", "[model][launch-template]") {
  model::LaunchTemplate lt = Create("web");
  store.fail_next = true;
  model::CreateLaunchTemplateVersionRequest request;
  request.ref.id = lt.launch_template_id;
  request.data.instance_type = "t3.large";
  CHECK(CodeOf(CreateLaunchTemplateVersion(ec2, alice, request)) == "InternalError");
  auto described = DescribeLaunchTemplates(ec2, alice, {{lt.launch_template_id}, {}, {}, {}});
  REQUIRE(described);
  CHECK(described->items[0].latest_version == 1);
}

TEST_CASE_METHOD(TemplateFixture, "RunInstances takes the template's data, the call's members override it",
                 "[model][launch-template]") {
  model::LaunchTemplate lt = Create("web");
  NewVersion(lt.launch_template_id, "t3.large", "1");
  model::RunInstancesRequest request;
  request.instance_type = "t3.small";
  request.launch_template = model::LaunchTemplateSpec{"", "web", "", {"InstanceType", "LaunchTemplate"}};
  auto launched = RunInstances(ec2, alice, request);
  REQUIRE(launched);
  const model::Instance& instance = launched->instances.at(0).instance;
  CHECK(instance.image_id == image);
  CHECK(instance.instance_type == "t3.small");
  CHECK(instance.monitoring);
  CHECK(instance.tags.at("aws:ec2launchtemplate:id") == lt.launch_template_id);
  CHECK(instance.tags.at("aws:ec2launchtemplate:version") == "1");

  model::RunInstancesRequest latest;
  latest.launch_template =
      model::LaunchTemplateSpec{lt.launch_template_id, "", "$Latest", {"LaunchTemplate"}};
  auto second = RunInstances(ec2, alice, latest);
  REQUIRE(second);
  CHECK(second->instances.at(0).instance.instance_type == "t3.large");
  CHECK(second->instances.at(0).instance.tags.at("aws:ec2launchtemplate:version") == "2");

  latest.launch_template->version = "5";
  CHECK(CodeOf(RunInstances(ec2, alice, latest)) == "InvalidLaunchTemplateId.VersionNotFound");
}

TEST_CASE_METHOD(TemplateFixture, "GetLaunchTemplateData answers an instance's launch parameters",
                 "[model][launch-template]") {
  model::RunInstancesRequest request;
  request.image_id = image;
  request.instance_type = "t3.micro";
  request.ebs_optimized = true;
  auto launched = RunInstances(ec2, alice, request);
  REQUIRE(launched);
  auto data = GetLaunchTemplateData(ec2, alice, launched->instances[0].instance.instance_id);
  REQUIRE(data);
  CHECK(data->image_id == image);
  CHECK(data->instance_type == "t3.micro");
  CHECK(data->ebs_optimized == std::optional<bool>(true));
  REQUIRE(data->block_device_mappings.size() == 1);
  CHECK(data->block_device_mappings[0].delete_on_termination == std::optional<bool>(true));
  REQUIRE(data->network_interfaces.size() == 1);
  CHECK(data->network_interfaces[0].subnet_id == launched->instances[0].instance.subnet_id);
  CHECK(data->network_interfaces[0].group_ids == launched->instances[0].instance.group_ids);
  CHECK(data->security_group_ids.empty());
  CHECK(CodeOf(GetLaunchTemplateData(ec2, alice, "i-0123456789abcdef0")) == "InvalidInstanceID.NotFound");
}

TEST_CASE_METHOD(TemplateFixture, "a member the call gives overrides the template even when it is false",
                 "[model][launch-template]") {
  model::CreateLaunchTemplateRequest request;
  request.name = "tagged";
  request.data.image_id = image;
  request.data.monitoring = true;
  request.data.tag_specifications = {{"instance", {{"team", "blue"}}}, {"volume", {{"disk", "data"}}}};
  REQUIRE(CreateLaunchTemplate(ec2, alice, request));
  model::RunInstancesRequest launch;
  launch.monitoring = false;
  launch.tag_specifications = {{"instance", {{"team", "red"}}}};
  launch.launch_template =
      model::LaunchTemplateSpec{"", "tagged", "$Default", {"Monitoring", "TagSpecifications"}};
  auto launched = RunInstances(ec2, alice, launch);
  REQUIRE(launched);
  const model::Instance& instance = launched->instances.at(0).instance;
  CHECK_FALSE(instance.monitoring);
  CHECK(instance.tags.at("team") == "red");  // the call's instance tags replace the template's
  const std::string volume_id = instance.volumes.at(0).volume_id;
  auto volumes = DescribeVolumes(ec2, alice, {{volume_id}, {}, {}});
  REQUIRE(volumes);
  CHECK(volumes->items.at(0).tags.at("disk") == "data");  // the template's volume tags still apply
}
