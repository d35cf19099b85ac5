#include "InspectCommand.h"

#include "CommandContext.h"

#include "vindex/io/FileInspector.h"

InspectCommand::InspectCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "inspect", "Show the tensors (name, dtype, shape) and metadata of a .safetensors, .pth/.bin, sharded "
                   "folder (*.index.json), .npy or NIfTI file; for .pth checkpoints also epoch, losses and "
                   "optimizer state");
    m_command->add_option("path", m_path, "File or checkpoint folder")->required();
}

int InspectCommand::run() const
{
    const auto description = vindex::io::FileInspector::inspect(m_path);
    m_context.emit(description, vindex::io::FileInspector::toText(description));
    return 0;
}
