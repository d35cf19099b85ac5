#include "NsdCommand.h"

#include "CommandContext.h"

#include "vindex/data/NsdInventory.h"

NsdCommand::NsdCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("nsd", "Natural Scenes Dataset folders");
    m_command->require_subcommand(1);
    m_info = m_command->add_subcommand(
        "info", "Layouts (MindEye1 tars, MindEye2 HDF5, native NSD) and subjects found, voxel counts, trials per "
                "split, and what is missing or inconsistent");
    m_info->add_option("--root", m_root, "NSD folder")->required()->check(CLI::ExistingDirectory);
}

int NsdCommand::run() const
{
    const auto inventory = vindex::data::NsdInventory::scan(m_root);
    m_context.emit(inventory.toJson(), inventory.toText());
    return 0;
}
